import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HostTable, stripPort } from './hosts.ts';

describe('HostTable', () => {
  it('exact before wildcard, longest wildcard first, bare * last, first claim of a domain kept', () => {
    const t = new HostTable<string>();
    t.add('*', 'any');
    t.add('*.example.com', 'wild');
    t.add('*.eu.example.com', 'eu');
    t.add('api.example.com', 'api');
    t.add('API.example.com', 'second-claim');
    assert.equal(t.lookup('api.example.com:8080'), 'api');
    assert.equal(t.lookup('x.eu.example.com'), 'eu');
    assert.equal(t.lookup('x.example.com'), 'wild');
    assert.equal(t.lookup('example.com'), 'any');
    assert.equal(t.lookup(undefined), 'any');
  });

  it('a domain with an explicit port matches only that port', () => {
    const t = new HostTable<string>();
    t.add('api.test:9000', 'port');
    assert.equal(t.lookup('api.test:9000'), 'port');
    assert.equal(t.lookup('api.test:9001'), null);
  });

  it('stripPort handles IPv6 literals', () => {
    assert.equal(stripPort('[::1]:8080'), '[::1]');
    assert.equal(stripPort('[::1]'), '[::1]');
    assert.equal(stripPort('a.b:1'), 'a.b');
    assert.equal(stripPort('a.b'), 'a.b');
  });
});
