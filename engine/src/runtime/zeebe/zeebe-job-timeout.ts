/**
 * UpdateJobTimeout is in Zeebe's gateway protocol since 8.5, but not in the protocol zeebe-node 8.3 ships: the call
 * is made on zeebe-node's own channel (its TLS and OAuth metadata) with the two-field request encoded here.
 */
import type { ZBClient } from 'zeebe-node';
import { invalidState } from '../engine-rejection.js';

/** Protocol-buffer varint of a non-negative integer. */
function varint(value: bigint): number[] {
  const bytes: number[] = [];
  let v = value;
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    bytes.push(byte);
  } while (v > 0n);
  return bytes;
}

/** UpdateJobTimeoutRequest { int64 jobKey = 1; int64 timeout = 2; } */
export function encodeUpdateJobTimeoutRequest(jobKey: bigint, timeout: bigint): Buffer {
  return Buffer.from([0x08, ...varint(jobKey), 0x10, ...varint(timeout)]);
}

interface ZeebeNodeGrpc {
  client: {
    makeUnaryRequest(
      method: string,
      serialize: (value: Buffer) => Buffer,
      deserialize: (bytes: Buffer) => unknown,
      argument: Buffer,
      metadata: unknown,
      options: Record<string, unknown>,
      callback: (error: (Error & { code?: number; details?: string }) | null) => void,
    ): unknown;
  };
  getAuthToken(): Promise<unknown>;
}

export async function updateJobTimeoutCall(client: ZBClient, jobKey: number, timeout: number): Promise<void> {
  // zeebe-node keeps its channel in a private field; it is the one channel that carries the configured credentials.
  const grpc = (client as unknown as { grpc: ZeebeNodeGrpc }).grpc;
  const metadata = await grpc.getAuthToken();
  await new Promise<void>((resolve, reject) => {
    grpc.client.makeUnaryRequest(
      '/gateway_protocol.Gateway/UpdateJobTimeout',
      (value) => value,
      () => ({}),
      encodeUpdateJobTimeoutRequest(BigInt(jobKey), BigInt(timeout)),
      metadata,
      {},
      (error) => {
        if (!error) return resolve();
        // 12 UNIMPLEMENTED: a gateway older than 8.5, or one serving zeebe-node 8.3's protocol (our facade).
        if (error.code === 12) return reject(invalidState('The Zeebe gateway does not implement UpdateJobTimeout (Zeebe 8.5 and later do)'));
        reject(error);
      },
    );
  });
}
