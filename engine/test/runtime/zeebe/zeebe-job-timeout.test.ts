/** The hand-encoded UpdateJobTimeoutRequest reads back as the protocol's message (decoded with protobufjs). */
import { describe, expect, it } from 'vitest';
import protobuf from 'protobufjs';
import { encodeUpdateJobTimeoutRequest } from '../../../src/runtime/zeebe/zeebe-job-timeout.js';

const UpdateJobTimeoutRequest = new protobuf.Type('UpdateJobTimeoutRequest')
  .add(new protobuf.Field('jobKey', 1, 'int64'))
  .add(new protobuf.Field('timeout', 2, 'int64'));

describe('UpdateJobTimeoutRequest encoding', () => {
  it.each([
    [2251799813685249n, 60_000n],
    [9007199254740991n, 0n],
    [1n, 300n],
  ])('jobKey %s, timeout %s', (jobKey, timeout) => {
    const decoded = UpdateJobTimeoutRequest.toObject(UpdateJobTimeoutRequest.decode(encodeUpdateJobTimeoutRequest(jobKey, timeout)), { longs: String });
    expect(decoded).toEqual({ jobKey: String(jobKey), timeout: String(timeout) });
  });
});
