import assert from 'node:assert/strict';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, it } from 'node:test';
import { RequestContext } from './context.ts';
import { parseTarget } from './handler.ts';

describe('RequestContext', () => {
  it('has the same shape for every request (style convention 12)', () => {
    const make = () => {
      const req = new IncomingMessage(new Socket());
      return new RequestContext(req, new ServerResponse(req), 'http', 0);
    };
    const a = make();
    const b = make();
    b.requestId = 'x';
    b.flag = 'NR';
    assert.deepEqual(Object.keys(a), Object.keys(b));
  });
});

describe('parseTarget', () => {
  it('splits path and query, accepts absolute-form, resolves dot segments, rejects the rest', () => {
    assert.deepEqual(parseTarget('/a/b?c=1'), { path: '/a/b', query: 'c=1', authority: null });
    assert.deepEqual(parseTarget('http://h.example/x?y'), { path: '/x', query: 'y', authority: 'h.example' });
    assert.deepEqual(parseTarget('http://h.example:8080/x'), { path: '/x', query: '', authority: 'h.example:8080' });
    assert.deepEqual(parseTarget('/p/../admin'), { path: '/admin', query: '', authority: null });
    assert.deepEqual(parseTarget('/p/%2e%2e/admin'), { path: '/admin', query: '', authority: null });
    assert.deepEqual(parseTarget('//double//x'), { path: '/double//x', query: '', authority: null });
    assert.equal(parseTarget('http://user@h.example/x'), null);
    assert.equal(parseTarget('*'), null);
    assert.equal(parseTarget('relative'), null);
  });
});
