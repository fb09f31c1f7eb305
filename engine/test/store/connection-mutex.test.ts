import { describe, it, expect } from 'vitest';
import { ConnectionMutex } from '../../src/store/connection-mutex.js';

describe('ConnectionMutex', () => {
  it('grants the lock at once when free and queues others in arrival order', async () => {
    const mutex = new ConnectionMutex();
    const order: string[] = [];
    await mutex.lock();
    const waiters = ['a', 'b', 'c'].map((name) =>
      mutex.lock().then(() => {
        order.push(name);
      }),
    );
    await Promise.resolve();
    expect(order).toEqual([]);
    expect(mutex.waiting).toBe(3);
    mutex.unlock();
    await waiters[0];
    expect(order).toEqual(['a']);
    mutex.unlock();
    mutex.unlock();
    await Promise.all(waiters);
    expect(order).toEqual(['a', 'b', 'c']);
    mutex.unlock();
    // Free again: the next lock is immediate.
    await mutex.lock();
    mutex.unlock();
  });

  it('hands the lock to the next waiter so a newcomer cannot jump the queue', async () => {
    const mutex = new ConnectionMutex();
    const order: string[] = [];
    await mutex.lock();
    const first = mutex.lock().then(() => order.push('queued'));
    mutex.unlock();
    const late = mutex.lock().then(() => order.push('newcomer'));
    await first;
    mutex.unlock();
    await late;
    mutex.unlock();
    expect(order).toEqual(['queued', 'newcomer']);
  });

  it('refuses an unlock when nobody holds it', () => {
    expect(() => new ConnectionMutex().unlock()).toThrow(/not held/);
  });
});
