// What both ring readers share: a read hands samples to callbacks, and a
// callback may close the reader mid-read; the mapping must outlive that
// read, so its release waits for the read's end.
export abstract class RingReader {
  private reading = false;
  protected closed = false;

  /** Starts a read; false when closed, or already reading (a callback's own consume()). */
  protected beginRead(): boolean {
    if (this.closed || this.reading) return false;
    this.reading = true;
    return true;
  }

  /** Ends a read (call it in a finally): releases the mapping if a callback closed the reader meanwhile. */
  protected endRead(): void {
    this.reading = false;
    if (this.closed) this.release();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.reading) this.release();
  }

  /** Unmaps (and closes what else the reader holds); runs once. */
  protected abstract release(): void;
}
