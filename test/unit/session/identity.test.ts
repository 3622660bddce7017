import assert from 'node:assert/strict';
import { identityProblem } from '../../../src/session/signInErrors';
import { parseIdentity } from '../../../src/sinch/guards';
import { accountIdFor } from '../../../src/session/account';

describe('session: identity parsing', () => {
  const cases: Array<[string, { type: 'email' | 'number'; endpoint: string } | 'error']> = [
    ['demo@example.com', { type: 'email', endpoint: 'demo@example.com' }],
    ['  demo@example.com  ', { type: 'email', endpoint: 'demo@example.com' }],
    ['Demo@Example.COM', { type: 'email', endpoint: 'Demo@Example.COM' }],
    ['first.last+tag@sub.example.co.uk', { type: 'email', endpoint: 'first.last+tag@sub.example.co.uk' }],
    ['+12055500000', { type: 'number', endpoint: '+12055500000' }],
    ['12055500000', { type: 'number', endpoint: '+12055500000' }],
    ['+1 205-550-0000', { type: 'number', endpoint: '+12055500000' }],
    ['1 205 550 0000', { type: 'number', endpoint: '+12055500000' }],
    ['+1 (205) 550.0000', { type: 'number', endpoint: '+12055500000' }],
    ['', 'error'],
    ['   ', 'error'],
    ['demo', 'error'],
    ['demo@', 'error'],
    ['demo@example', 'error'],
    ['demo @example.com', 'error'],
    ['+', 'error'],
    ['+12', 'error'],
    ['+1234567890123456', 'error'],
    ['0205 550 0000', 'error'],
    ['+abc', 'error'],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${expected === 'error' ? 'refused' : `${expected.type} ${expected.endpoint}`}`, () => {
      if (expected === 'error') {
        assert.throws(
          () => parseIdentity(input),
          (e: Error) => e.name === 'InputError' && e.message.length > 10,
        );
        assert.ok(identityProblem(input), 'the input box shows a reason');
      } else {
        assert.deepEqual(parseIdentity(input), expected);
        assert.equal(identityProblem(input), undefined);
      }
    });
  }

  it('a leading + always means a phone number, even with letters after it', () => {
    assert.match(identityProblem('+demo@example.com') ?? '', /phone number/);
  });

  it('account ids are stable across case and spacing of the same identity', () => {
    assert.equal(accountIdFor(parseIdentity(' Demo@Example.com ')), accountIdFor(parseIdentity('demo@example.com')));
    assert.equal(accountIdFor(parseIdentity('+1 205 550 0000')), 'number:+12055500000');
  });
});
