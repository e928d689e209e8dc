/**
 * Keeps memory that the process frees for its own reuse, instead of handing
 * it back to the kernel and faulting it in again.
 *
 * glibc's malloc returns freed memory to the kernel early: blocks above its
 * mmap threshold (128 KiB at start) are unmapped when freed, and a heap whose
 * free top grows past the trim threshold is shrunk. V8's optimising compiler
 * allocates and frees working memory on its threads as it compiles (without
 * it, a small run takes half the page faults), and the analysis's typed
 * arrays come and go, so the same memory is faulted in again and again.
 * Each first touch of a page costs a kernel fault, and on some virtual
 * machines a costly one (tens of microseconds per 4 KiB page, as
 * `npm run bench` reports under "first touch of memory").
 *
 * glibc raises both thresholds by itself when a block it mapped is freed: the
 * mmap threshold to that block's size and the trim threshold to twice it, for
 * blocks up to 32 MiB on 64-bit hosts (mallopt(3), "dynamic mmap threshold").
 * One large buffer, allocated untouched (so no page of it is faulted in) and
 * dropped, is freed at the next garbage collection and raises them for the
 * rest of the run. Measured on `ztseg verify --manifests` over the bench's
 * clusters: at S and M, 27 and 31 % fewer page faults and 7 to 9 % less wall
 * time, for 4 and 8 MB more peak RSS; at L, 18 % fewer faults and no change
 * of time that three runs could tell. Elsewhere (musl, macOS, Windows) the
 * buffer is only dropped.
 */

/** Below glibc's DEFAULT_MMAP_THRESHOLD_MAX (32 MiB on 64-bit): a larger freed block leaves the thresholds alone. */
export const THRESHOLD_BUFFER_BYTES = 31 * 1024 * 1024;

/** For a short-lived process only: a long-lived one would keep its peak memory to the end. */
export function raiseMallocThresholds(platform: NodeJS.Platform = process.platform): ArrayBuffer | undefined {
  if (platform !== "linux") return undefined;
  // Returned (for tests) and otherwise dropped at once: it is the free at the next collection that does the work.
  return new ArrayBuffer(THRESHOLD_BUFFER_BYTES);
}
