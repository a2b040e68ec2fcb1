// Time builtins: Go layouts, zones, exact nanoseconds, OPA's range errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { call, callIn, ctx, fail } from './call.ts';

const T = 1670006453141828752n;

test('time.format in zones and layouts', () => {
  assert.equal(call('time.format', T), '2022-12-02T18:40:53.141828752Z');
  assert.equal(call('time.format', [T, 'Asia/Kolkata']), '2022-12-03T00:10:53.141828752+05:30');
  assert.equal(call('time.format', [T, 'Asia/Kolkata', 'RFC1123Z']), 'Sat, 03 Dec 2022 00:10:53 +0530');
  assert.equal(call('time.format', [T, 'UTC', '2006-01-02 3:04PM .000']), '2022-12-02 6:40PM .141');
  const abbr = (zone: string) => call('time.format', [T, zone, 'MST']);
  assert.deepEqual(['UTC', 'Europe/London', 'America/New_York', 'Asia/Kolkata', 'America/Sao_Paulo'].map(abbr), ['UTC', 'GMT', 'EST', 'IST', '-03']);
  assert.equal(fail('time.format', 1582977600 * 10e12).message, 'time.format: timestamp too big');
  assert.match(fail('time.format', [T, 'Mars/Base']).message, /unknown time zone Mars\/Base/);
});

test('time.parse_ns and parse_rfc3339_ns', () => {
  assert.equal(call('time.parse_ns', '2006-01-02T15:04:05Z07:00', '2017-06-02T19:00:00-07:00'), 1496455200000000000n);
  assert.equal(call('time.parse_ns', "01/02 03:04:05PM '06 -0700", "06/02 07:00:00PM '17 -0700"), 1496455200000000000n);
  assert.equal(call('time.parse_ns', 'RFC822Z', '02 Jun 17 19:00 -0700'), 1496455200000000000n);
  assert.equal(call('time.parse_rfc3339_ns', '2262-04-11T23:47:16.854775807-00:00'), 9223372036854775807n);
  assert.equal(fail('time.parse_rfc3339_ns', '2262-04-11T23:47:16.854775808-00:00').message, 'time.parse_rfc3339_ns: time outside of valid range');
  assert.match(fail('time.parse_ns', '2006-01-02', 'x').message, /cannot parse "x" as "2006"/);
});

test('durations, dates, clocks, weekdays', () => {
  assert.equal(call('time.parse_duration_ns', '1h2m3.5s'), 3723500000000);
  assert.equal(call('time.parse_duration_ns', '100ms'), 100000000);
  assert.match(fail('time.parse_duration_ns', '3x').message, /unknown unit "x"/);
  assert.deepEqual(call('time.date', [1517832000000000000n, 'America/Los_Angeles']), [2018, 2, 5]);
  assert.deepEqual(call('time.clock', [1517832000000000000n, 'America/New_York']), [7, 0, 0]);
  assert.equal(call('time.weekday', 1517832000000000000n), 'Monday');
});

test('add_date normalises like Go and diff borrows like OPA', () => {
  assert.equal(call('time.add_date', 1585852421593912000n, 3, 9, 12), 1705257221593912000n);
  assert.equal(fail('time.add_date', 0, 2262, 1, 1).message, 'time.add_date: time outside of valid range');
  const day = (s: string) => call('time.parse_ns', '2006-01-02', s);
  assert.deepEqual(call('time.diff', day('2020-02-02'), day('2020-03-01')), [0, 0, 28, 0, 0, 0]);
  assert.deepEqual(call('time.diff', day('2005-03-01'), day('2004-02-29')), [1, 0, 1, 0, 0, 0]);
});

test('time.now_ns is the evaluation time', () => {
  assert.equal(callIn(ctx(42n), 'time.now_ns'), 42);
});
