// The one queue every write of a library goes through, so that saves never interleave.
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    // A failed task must not block the ones after it; its caller sees the failure.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
