;; The hot loops of implicit ALS in WebAssembly SIMD: the conjugate-gradient
;; solves of a chunk of rows (solve_rows) and a partial Gramian (gram_rows).
;; `implicit-als.ts` and `kernels.ts` state the maths; `wasm-kernels.ts` is the
;; calling side. Assembled by `npm run build:wasm` (scripts/assemble-kernels.ts).
;;
;; Every pointer is a byte offset into the imported memory, which all the
;; threads of a fit share. Factor rows are single precision (f32), k values
;; each, k a multiple of 16: the fit pads each row with zeros
;; (`sweep-memory.ts`), which stay exactly zero through every step, so a row
;; is whole 64-byte lines and no loop needs a tail. V8 compiles the 128-bit
;; operations to SSE/AVX instructions on four floats or two doubles each,
;; without the bounds check it puts on every typed-array access in JS (wasm
;; memory sits behind guard pages). There is no fused multiply-add: relaxed
;; SIMD's is not in Node 20, and it rounds differently on different CPUs.
;;
;; Precision. The work that grows with the data, the passes over a row's
;; nonzeros, runs on four floats at a time: twice the arithmetic per
;; instruction of doubles, and half the bytes to fetch from all over memory
;; (the `implicit` library keeps float32 factors for the same reasons). In
;; single precision are each y_j·v (k products, summed along four lanes) and
;; the weighted sum of a block of eight y_j, which is then added to a vector
;; of doubles: no sum over a row's nonzeros, which can number tens of
;; thousands, is rounded to single precision. The rest is in double: G, the
;; Gramians, each row's CG vectors x, r, p and A p, |r|², pᵀAp and the step
;; sizes, the weights β c_j + γ (c_j − 1)(y_j·v), and the objective. A solved
;; row is rounded to single precision when it is stored. On ml-latest-small
;; the objective still falls at every one of 100 iterations and ends within
;; 1e-7 of an all-double fit's, with the same NDCG@10.
;;
;; Sums run in an order fixed by k and the row alone, so a row gets the same
;; bits whichever thread solves it, in whatever chunk, alongside whatever rows.
;;
;; On the 25M-rating set a sweep is bound by the arithmetic of the passes over
;; each row's nonzeros (two multiplications and two additions per factor and
;; nonzero, four passes per row) and by fetching the rows of the other side's
;; factors from all over memory; see $gather and $passEight for how each is
;; kept to what this hardware allows.
(module
  (import "env" "memory" (memory 0 65536 shared))

  ;; Below this squared residual norm a row counts as solved (as in `implicit`).
  (global $tolerance f64 (f64.const 1e-20))

  ;; Short rows are solved four at a time (CG_GROUP in wasm-kernels.ts), their
  ;; CG steps in lockstep, so that each product with G serves four vectors: G
  ;; is loaded once per group instead of once per row. A thread's scratch, from
  ;; `work` (workBytes in wasm-kernels.ts):
  ;;   +0   f64 ×4           |r|² of each group row
  ;;   +32  i32 ×4           whether each group row's CG is still running
  ;;   +48  i32 ×4           where each group row's gathered y_j start
  ;;   +64  f64 ×4k          x of the group rows, row i at i·k; then r, p and A p alike
  ;;   then f32 ×k           zeros: the y_j of the slots a row's last block leaves empty
  ;;   then f32 ×k           the vector of the current pass (x or p), rounded to single
  ;;   then f64 ×(maxRow+8)  y_j·v of the row being passed over
  ;;   then f64 ×4·maxRow    y_j·x of each group row's iterate
  ;;   then, from the next 64-byte boundary, the group rows' y_j, gathered:
  ;;        f32 ×k·(maxRow + 4·floor(65536/k)), room for one long row or four short ones

  ;; Improves rows [from, to) of one side by `steps` CG steps each: row u
  ;; (k floats at target + u·k·4) against the other side's factors, G = YᵀY + λI
  ;; at `gram` (k × k doubles, exactly symmetric) and the row's nonzeros ptr[u] … ptr[u+1]
  ;; of `indices` (i32) and `confidence` (f32); maxRow bounds every row's count.
  ;; With loss ≠ 0, row u's observed cells' share of the objective goes to the
  ;; f64 at loss + u·8.
  (func (export "solve_rows")
    (param $ptr i32) (param $indices i32) (param $confidence i32)
    (param $gram i32) (param $other i32) (param $target i32)
    (param $k i32) (param $steps i32) (param $from i32) (param $to i32)
    (param $work i32) (param $maxRow i32) (param $loss i32)
    (local $count i32)
    (memory.fill
      (i32.add (local.get $work) (i32.add (i32.const 64) (i32.shl (local.get $k) (i32.const 7))))
      (i32.const 0) (i32.shl (local.get $k) (i32.const 2)))
    (block $done
      (loop $groups
        (br_if $done (i32.ge_u (local.get $from) (local.get $to)))
        (local.set $count (call $groupSize (local.get $ptr) (local.get $k) (local.get $from) (local.get $to)))
        (call $solveGroup
          (local.get $ptr) (local.get $indices) (local.get $confidence) (local.get $gram) (local.get $other)
          (local.get $target) (local.get $k) (local.get $steps) (local.get $from) (local.get $count)
          (local.get $work) (local.get $maxRow) (local.get $loss))
        (local.set $from (i32.add (local.get $from) (local.get $count)))
        (br $groups))))

  ;; Whether a row of n nonzeros is long: its y_j take more than 256 KB (65536
  ;; floats), so that a group of four such rows would not stay in L2 from one
  ;; CG step to the next.
  (func $isLong (param $n i32) (param $k i32) (result i32)
    (i32.gt_u (local.get $n) (i32.div_u (i32.const 65536) (local.get $k))))

  ;; How many rows from `from` (< to) to solve together: up to four short rows,
  ;; or one long row alone. Sharing G's loads saves little for a long row, and
  ;; grouping changes no row's result.
  (func $groupSize (param $ptr i32) (param $k i32) (param $from i32) (param $to i32) (result i32)
    (local $count i32) (local $row i32)
    (block $full
      (loop $rows
        (local.set $row (i32.add (local.get $from) (local.get $count)))
        (br_if $full (i32.ge_u (local.get $row) (local.get $to)))
        (br_if $full (i32.eq (local.get $count) (i32.const 4)))
        (if (call $isLong
              (i32.sub (i32.load offset=4 (i32.add (local.get $ptr) (i32.shl (local.get $row) (i32.const 2))))
                       (i32.load (i32.add (local.get $ptr) (i32.shl (local.get $row) (i32.const 2)))))
              (local.get $k))
          (then
            (br_if $full (local.get $count))
            (return (i32.const 1))))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (br $rows)))
    (local.get $count))

  ;; Copies the n rows of Y that idx[0 … n) point at (k floats each, from
  ;; `other`) to consecutive rows at `to`; returns where the copies end.
  ;; Every row of a group is gathered before its first pass. A loop of nothing
  ;; but loads and stores keeps many cache misses in flight, where a CG pass,
  ;; busy with arithmetic, waits for one block of rows after another; then the
  ;; four passes stream through the copies, from L2 for a group of short rows,
  ;; in order from memory (which the hardware prefetches) for a long row.
  ;; Measured on the 25M set with rows of doubles: a pass over a long row took
  ;; half the time, a half-sweep 7–17% less than fetching each y_j where it
  ;; lies in every pass.
  ;; Taking one line of eight rows at a time starts eight misses at once (20%
  ;; faster than row after row); the last n mod 8 rows are copied one by one.
  (func $gather (param $other i32) (param $k i32) (param $idx i32) (param $n i32) (param $to i32) (result i32)
    (local $kb i32) (local $end i32) (local $from i32) (local $at i32) (local $f i32)
    (local.set $kb (i32.shl (local.get $k) (i32.const 2)))
    (local.set $end (i32.add (local.get $idx) (i32.shl (local.get $n) (i32.const 2))))
    (block $eights
      (loop $eight
        (br_if $eights (i32.gt_u (i32.add (local.get $idx) (i32.const 32)) (local.get $end)))
        (local.set $f (i32.const 0))
        (loop $lines
          (local.set $from (i32.add (local.get $other) (i32.mul (i32.load offset=0 (local.get $idx)) (local.get $kb))))
          (local.set $at (i32.add (local.get $to) (local.get $f)))
          (v128.store offset=0 (local.get $at) (v128.load offset=0 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=16 (local.get $at) (v128.load offset=16 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=32 (local.get $at) (v128.load offset=32 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=48 (local.get $at) (v128.load offset=48 (i32.add (local.get $from) (local.get $f))))
          (local.set $from (i32.add (local.get $other) (i32.mul (i32.load offset=4 (local.get $idx)) (local.get $kb))))
          (local.set $at (i32.add (i32.add (local.get $to) (local.get $kb)) (local.get $f)))
          (v128.store offset=0 (local.get $at) (v128.load offset=0 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=16 (local.get $at) (v128.load offset=16 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=32 (local.get $at) (v128.load offset=32 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=48 (local.get $at) (v128.load offset=48 (i32.add (local.get $from) (local.get $f))))
          (local.set $from (i32.add (local.get $other) (i32.mul (i32.load offset=8 (local.get $idx)) (local.get $kb))))
          (local.set $at (i32.add (i32.add (local.get $to) (i32.mul (local.get $kb) (i32.const 2))) (local.get $f)))
          (v128.store offset=0 (local.get $at) (v128.load offset=0 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=16 (local.get $at) (v128.load offset=16 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=32 (local.get $at) (v128.load offset=32 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=48 (local.get $at) (v128.load offset=48 (i32.add (local.get $from) (local.get $f))))
          (local.set $from (i32.add (local.get $other) (i32.mul (i32.load offset=12 (local.get $idx)) (local.get $kb))))
          (local.set $at (i32.add (i32.add (local.get $to) (i32.mul (local.get $kb) (i32.const 3))) (local.get $f)))
          (v128.store offset=0 (local.get $at) (v128.load offset=0 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=16 (local.get $at) (v128.load offset=16 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=32 (local.get $at) (v128.load offset=32 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=48 (local.get $at) (v128.load offset=48 (i32.add (local.get $from) (local.get $f))))
          (local.set $from (i32.add (local.get $other) (i32.mul (i32.load offset=16 (local.get $idx)) (local.get $kb))))
          (local.set $at (i32.add (i32.add (local.get $to) (i32.mul (local.get $kb) (i32.const 4))) (local.get $f)))
          (v128.store offset=0 (local.get $at) (v128.load offset=0 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=16 (local.get $at) (v128.load offset=16 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=32 (local.get $at) (v128.load offset=32 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=48 (local.get $at) (v128.load offset=48 (i32.add (local.get $from) (local.get $f))))
          (local.set $from (i32.add (local.get $other) (i32.mul (i32.load offset=20 (local.get $idx)) (local.get $kb))))
          (local.set $at (i32.add (i32.add (local.get $to) (i32.mul (local.get $kb) (i32.const 5))) (local.get $f)))
          (v128.store offset=0 (local.get $at) (v128.load offset=0 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=16 (local.get $at) (v128.load offset=16 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=32 (local.get $at) (v128.load offset=32 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=48 (local.get $at) (v128.load offset=48 (i32.add (local.get $from) (local.get $f))))
          (local.set $from (i32.add (local.get $other) (i32.mul (i32.load offset=24 (local.get $idx)) (local.get $kb))))
          (local.set $at (i32.add (i32.add (local.get $to) (i32.mul (local.get $kb) (i32.const 6))) (local.get $f)))
          (v128.store offset=0 (local.get $at) (v128.load offset=0 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=16 (local.get $at) (v128.load offset=16 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=32 (local.get $at) (v128.load offset=32 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=48 (local.get $at) (v128.load offset=48 (i32.add (local.get $from) (local.get $f))))
          (local.set $from (i32.add (local.get $other) (i32.mul (i32.load offset=28 (local.get $idx)) (local.get $kb))))
          (local.set $at (i32.add (i32.add (local.get $to) (i32.mul (local.get $kb) (i32.const 7))) (local.get $f)))
          (v128.store offset=0 (local.get $at) (v128.load offset=0 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=16 (local.get $at) (v128.load offset=16 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=32 (local.get $at) (v128.load offset=32 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=48 (local.get $at) (v128.load offset=48 (i32.add (local.get $from) (local.get $f))))
          (local.set $f (i32.add (local.get $f) (i32.const 64)))
          (br_if $lines (i32.lt_u (local.get $f) (local.get $kb))))
        (local.set $to (i32.add (local.get $to) (i32.shl (local.get $kb) (i32.const 3))))
        (local.set $idx (i32.add (local.get $idx) (i32.const 32)))
        (br $eight)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $idx) (local.get $end)))
        (local.set $from (i32.add (local.get $other) (i32.mul (i32.load (local.get $idx)) (local.get $kb))))
        (local.set $f (i32.const 0))
        (loop $lines
          (v128.store offset=0 (i32.add (local.get $to) (local.get $f)) (v128.load offset=0 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=16 (i32.add (local.get $to) (local.get $f)) (v128.load offset=16 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=32 (i32.add (local.get $to) (local.get $f)) (v128.load offset=32 (i32.add (local.get $from) (local.get $f))))
          (v128.store offset=48 (i32.add (local.get $to) (local.get $f)) (v128.load offset=48 (i32.add (local.get $from) (local.get $f))))
          (local.set $f (i32.add (local.get $f) (i32.const 64)))
          (br_if $lines (i32.lt_u (local.get $f) (local.get $kb))))
        (local.set $to (i32.add (local.get $to) (local.get $kb)))
        (local.set $idx (i32.add (local.get $idx) (i32.const 4)))
        (br $rows)))
    (local.get $to))

  ;; solve_rows for the `count` ≤ 4 rows from `first`, in lockstep (Takács et
  ;; al. 2011, algorithm 2): r = b − A x, p = r, then per step α = |r|²/pᵀAp,
  ;; x += αp, r −= αAp, p = r + (|r_new|²/|r|²) p, where
  ;; A v = G v + Σ_j (c_j − 1)(y_j·v) y_j and b = Σ_j c_j y_j. A is never formed;
  ;; each product passes over the row's y_j, gathered first (see $gather).
  ;; Unused slots hold zero vectors: their products with G are computed and ignored.
  (func $solveGroup
    (param $ptr i32) (param $indices i32) (param $confidence i32) (param $gram i32) (param $other i32)
    (param $target i32) (param $k i32) (param $steps i32) (param $first i32) (param $count i32)
    (param $work i32) (param $maxRow i32) (param $loss i32)
    (local $kb i32) (local $kd i32) (local $group i32) (local $x i32) (local $r i32) (local $p i32) (local $ap i32)
    (local $zero i32) (local $v i32) (local $dots i32) (local $scores i32) (local $gathered i32)
    (local $i i32) (local $start i32) (local $n i32) (local $vi i32) (local $si i32)
    (local $step i32) (local $running i32) (local $rr f64) (local $pAp f64) (local $alpha f64) (local $rsNew f64)
    (local.set $kb (i32.shl (local.get $k) (i32.const 2)))
    (local.set $kd (i32.shl (local.get $k) (i32.const 3)))
    (local.set $group (i32.shl (local.get $kd) (i32.const 2)))
    (local.set $x (i32.add (local.get $work) (i32.const 64)))
    (local.set $r (i32.add (local.get $x) (local.get $group)))
    (local.set $p (i32.add (local.get $r) (local.get $group)))
    (local.set $ap (i32.add (local.get $p) (local.get $group)))
    (local.set $zero (i32.add (local.get $ap) (local.get $group)))
    (local.set $v (i32.add (local.get $zero) (local.get $kb)))
    (local.set $dots (i32.add (local.get $v) (local.get $kb)))
    (local.set $scores (i32.add (local.get $dots) (i32.shl (i32.add (local.get $maxRow) (i32.const 8)) (i32.const 3))))
    (memory.fill (local.get $x) (i32.const 0) (local.get $group))
    (memory.fill (local.get $p) (i32.const 0) (local.get $group))
    (local.set $gathered (i32.and (i32.add (i32.add (local.get $scores) (i32.shl (local.get $maxRow) (i32.const 5))) (i32.const 63)) (i32.const -64)))
    (local.set $i (i32.const 0))
    (loop $load
      (local.set $start (i32.load (i32.add (local.get $ptr) (i32.shl (i32.add (local.get $first) (local.get $i)) (i32.const 2)))))
      (i32.store offset=48 (i32.add (local.get $work) (i32.shl (local.get $i) (i32.const 2))) (local.get $gathered))
      (local.set $gathered
        (call $gather
          (local.get $other) (local.get $k) (i32.add (local.get $indices) (i32.shl (local.get $start) (i32.const 2)))
          (i32.sub (i32.load offset=4 (i32.add (local.get $ptr) (i32.shl (i32.add (local.get $first) (local.get $i)) (i32.const 2)))) (local.get $start))
          (local.get $gathered)))
      (call $widen
        (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $kd)))
        (i32.add (local.get $target) (i32.mul (i32.add (local.get $first) (local.get $i)) (local.get $kb)))
        (local.get $k))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $load (i32.lt_u (local.get $i) (local.get $count))))

    ;; r = b − A x = −G x + Σ_j (c_j − (c_j − 1)(y_j·x)) y_j; the y_j·x are the first scores.
    (call $groupMatVec (local.get $gram) (local.get $x) (local.get $r) (local.get $k))
    (local.set $i (i32.const 0))
    (loop $residuals
      (local.set $start (i32.load (i32.add (local.get $ptr) (i32.shl (i32.add (local.get $first) (local.get $i)) (i32.const 2)))))
      (local.set $n (i32.sub (i32.load offset=4 (i32.add (local.get $ptr) (i32.shl (i32.add (local.get $first) (local.get $i)) (i32.const 2)))) (local.get $start)))
      (local.set $vi (i32.mul (local.get $i) (local.get $kd)))
      (local.set $si (i32.add (local.get $scores) (i32.mul (local.get $i) (i32.shl (local.get $maxRow) (i32.const 3)))))
      (call $negate (i32.add (local.get $r) (local.get $vi)) (local.get $k))
      (call $narrow (local.get $v) (i32.add (local.get $x) (local.get $vi)) (local.get $k))
      (call $rowPass
        (i32.load offset=48 (i32.add (local.get $work) (i32.shl (local.get $i) (i32.const 2)))) (local.get $k)
        (i32.add (local.get $confidence) (i32.shl (local.get $start) (i32.const 2)))
        (local.get $n) (local.get $v) (i32.add (local.get $r) (local.get $vi))
        (f64.const 1) (f64.const -1) (local.get $dots) (local.get $zero))
      (memory.copy (local.get $si) (local.get $dots) (i32.shl (local.get $n) (i32.const 3)))
      (memory.copy (i32.add (local.get $p) (local.get $vi)) (i32.add (local.get $r) (local.get $vi)) (local.get $kd))
      (local.set $rr (call $dot (i32.add (local.get $r) (local.get $vi)) (i32.add (local.get $r) (local.get $vi)) (local.get $k)))
      (f64.store (i32.add (local.get $work) (i32.shl (local.get $i) (i32.const 3))) (local.get $rr))
      (call $setRunning (local.get $work) (local.get $i) (f64.gt (local.get $rr) (global.get $tolerance)))
      (local.set $running (i32.add (local.get $running) (f64.gt (local.get $rr) (global.get $tolerance))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $residuals (i32.lt_u (local.get $i) (local.get $count))))

    (block $converged
      (loop $steps
        (br_if $converged (i32.ge_u (local.get $step) (local.get $steps)))
        (br_if $converged (i32.eqz (local.get $running)))
        ;; A p = G p + Σ_j (c_j − 1)(y_j·p) y_j
        (call $groupMatVec (local.get $gram) (local.get $p) (local.get $ap) (local.get $k))
        (local.set $running (i32.const 0))
        (local.set $i (i32.const 0))
        (loop $rows
          (block $next
            (br_if $next (i32.eqz (i32.load offset=32 (i32.add (local.get $work) (i32.shl (local.get $i) (i32.const 2))))))
            (local.set $start (i32.load (i32.add (local.get $ptr) (i32.shl (i32.add (local.get $first) (local.get $i)) (i32.const 2)))))
            (local.set $n (i32.sub (i32.load offset=4 (i32.add (local.get $ptr) (i32.shl (i32.add (local.get $first) (local.get $i)) (i32.const 2)))) (local.get $start)))
            (local.set $vi (i32.mul (local.get $i) (local.get $kd)))
            (call $narrow (local.get $v) (i32.add (local.get $p) (local.get $vi)) (local.get $k))
            (call $rowPass
              (i32.load offset=48 (i32.add (local.get $work) (i32.shl (local.get $i) (i32.const 2)))) (local.get $k)
              (i32.add (local.get $confidence) (i32.shl (local.get $start) (i32.const 2)))
              (local.get $n) (local.get $v) (i32.add (local.get $ap) (local.get $vi))
              (f64.const 0) (f64.const 1) (local.get $dots) (local.get $zero))
            (local.set $pAp (call $dot (i32.add (local.get $p) (local.get $vi)) (i32.add (local.get $ap) (local.get $vi)) (local.get $k)))
            ;; Only a singular system (λ = 0) gets here with pAp = 0: stop where we are.
            (if (i32.eqz (f64.gt (local.get $pAp) (f64.const 0)))
              (then
                (call $setRunning (local.get $work) (local.get $i) (i32.const 0))
                (br $next)))
            (local.set $rr (f64.load (i32.add (local.get $work) (i32.shl (local.get $i) (i32.const 3)))))
            (local.set $alpha (f64.div (local.get $rr) (local.get $pAp)))
            (local.set $rsNew
              (call $stepXR
                (i32.add (local.get $x) (local.get $vi)) (i32.add (local.get $r) (local.get $vi))
                (i32.add (local.get $p) (local.get $vi)) (i32.add (local.get $ap) (local.get $vi))
                (local.get $alpha) (local.get $k)))
            (call $addScaled
              (i32.add (local.get $scores) (i32.mul (local.get $i) (i32.shl (local.get $maxRow) (i32.const 3))))
              (local.get $dots) (local.get $alpha) (local.get $n))
            (call $stepP
              (i32.add (local.get $p) (local.get $vi)) (i32.add (local.get $r) (local.get $vi))
              (f64.div (local.get $rsNew) (local.get $rr)) (local.get $k))
            (f64.store (i32.add (local.get $work) (i32.shl (local.get $i) (i32.const 3))) (local.get $rsNew))
            (call $setRunning (local.get $work) (local.get $i) (f64.gt (local.get $rsNew) (global.get $tolerance)))
            (local.set $running (i32.add (local.get $running) (f64.gt (local.get $rsNew) (global.get $tolerance)))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $rows (i32.lt_u (local.get $i) (local.get $count))))
        (local.set $step (i32.add (local.get $step) (i32.const 1)))
        (br $steps)))

    (local.set $i (i32.const 0))
    (loop $store
      (call $narrow
        (i32.add (local.get $target) (i32.mul (i32.add (local.get $first) (local.get $i)) (local.get $kb)))
        (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $kd)))
        (local.get $k))
      (if (local.get $loss)
        (then
          (local.set $start (i32.load (i32.add (local.get $ptr) (i32.shl (i32.add (local.get $first) (local.get $i)) (i32.const 2)))))
          (f64.store
            (i32.add (local.get $loss) (i32.shl (i32.add (local.get $first) (local.get $i)) (i32.const 3)))
            (call $observedLoss
              (i32.add (local.get $scores) (i32.mul (local.get $i) (i32.shl (local.get $maxRow) (i32.const 3))))
              (i32.add (local.get $confidence) (i32.shl (local.get $start) (i32.const 2)))
              (i32.sub
                (i32.load offset=4 (i32.add (local.get $ptr) (i32.shl (i32.add (local.get $first) (local.get $i)) (i32.const 2))))
                (local.get $start))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $store (i32.lt_u (local.get $i) (local.get $count)))))

  (func $setRunning (param $work i32) (param $i i32) (param $running i32)
    (i32.store offset=32 (i32.add (local.get $work) (i32.shl (local.get $i) (i32.const 2))) (local.get $running)))

  ;; One pass over a row's n nonzeros, whose y_j are the consecutive rows
  ;; from y: out += Σ_j (β c_j + γ (c_j − 1)(y_j·v)) y_j, recording
  ;; dots[j] = y_j·v. β = 1, γ = −1 builds the initial residual; β = 0, γ = 1
  ;; the sparse part of A p. This is where a sweep spends its time. Eight
  ;; nonzeros at a time (see $passEight); the last n mod 8 make one more block,
  ;; its empty slots filled with the zero row, which adds nothing.
  (func $rowPass
    (param $y i32) (param $k i32) (param $conf i32) (param $n i32)
    (param $v i32) (param $out i32) (param $beta f64) (param $gamma f64) (param $dots i32) (param $zero i32)
    (local $kb i32) (local $end i32) (local $left i32)
    (local.set $kb (i32.shl (local.get $k) (i32.const 2)))
    (local.set $end (i32.add (local.get $conf) (i32.shl (local.get $n) (i32.const 2))))
    (block $blocks
      (loop $block
        (br_if $blocks (i32.gt_u (i32.add (local.get $conf) (i32.const 32)) (local.get $end)))
        (call $passEight
          (local.get $k) (local.get $v) (local.get $out) (local.get $dots) (local.get $beta) (local.get $gamma)
          (local.get $y)
          (i32.add (local.get $y) (local.get $kb))
          (i32.add (local.get $y) (i32.shl (local.get $kb) (i32.const 1)))
          (i32.add (local.get $y) (i32.mul (local.get $kb) (i32.const 3)))
          (i32.add (local.get $y) (i32.shl (local.get $kb) (i32.const 2)))
          (i32.add (local.get $y) (i32.mul (local.get $kb) (i32.const 5)))
          (i32.add (local.get $y) (i32.mul (local.get $kb) (i32.const 6)))
          (i32.add (local.get $y) (i32.mul (local.get $kb) (i32.const 7)))
          (f32.load offset=0 (local.get $conf)) (f32.load offset=4 (local.get $conf))
          (f32.load offset=8 (local.get $conf)) (f32.load offset=12 (local.get $conf))
          (f32.load offset=16 (local.get $conf)) (f32.load offset=20 (local.get $conf))
          (f32.load offset=24 (local.get $conf)) (f32.load offset=28 (local.get $conf)))
        (local.set $y (i32.add (local.get $y) (i32.shl (local.get $kb) (i32.const 3))))
        (local.set $conf (i32.add (local.get $conf) (i32.const 32)))
        (local.set $dots (i32.add (local.get $dots) (i32.const 64)))
        (br $block)))
    (local.set $left (i32.shr_u (i32.sub (local.get $end) (local.get $conf)) (i32.const 2)))
    (if (local.get $left)
      (then
        (call $passEight
          (local.get $k) (local.get $v) (local.get $out) (local.get $dots) (local.get $beta) (local.get $gamma)
          (call $rowOf (local.get $y) (local.get $kb) (i32.const 0) (local.get $left) (local.get $zero))
          (call $rowOf (local.get $y) (local.get $kb) (i32.const 1) (local.get $left) (local.get $zero))
          (call $rowOf (local.get $y) (local.get $kb) (i32.const 2) (local.get $left) (local.get $zero))
          (call $rowOf (local.get $y) (local.get $kb) (i32.const 3) (local.get $left) (local.get $zero))
          (call $rowOf (local.get $y) (local.get $kb) (i32.const 4) (local.get $left) (local.get $zero))
          (call $rowOf (local.get $y) (local.get $kb) (i32.const 5) (local.get $left) (local.get $zero))
          (call $rowOf (local.get $y) (local.get $kb) (i32.const 6) (local.get $left) (local.get $zero))
          (call $rowOf (local.get $y) (local.get $kb) (i32.const 7) (local.get $left) (local.get $zero))
          (call $confidenceOf (local.get $conf) (i32.const 0) (local.get $left))
          (call $confidenceOf (local.get $conf) (i32.const 1) (local.get $left))
          (call $confidenceOf (local.get $conf) (i32.const 2) (local.get $left))
          (call $confidenceOf (local.get $conf) (i32.const 3) (local.get $left))
          (call $confidenceOf (local.get $conf) (i32.const 4) (local.get $left))
          (call $confidenceOf (local.get $conf) (i32.const 5) (local.get $left))
          (call $confidenceOf (local.get $conf) (i32.const 6) (local.get $left))
          (call $confidenceOf (local.get $conf) (i32.const 7) (local.get $left))))))

  ;; Row j of a row's last block: y_j, or the zero row past the row's end.
  (func $rowOf (param $y i32) (param $kb i32) (param $j i32) (param $left i32) (param $zero i32) (result i32)
    (select (i32.add (local.get $y) (i32.mul (local.get $j) (local.get $kb))) (local.get $zero) (i32.lt_u (local.get $j) (local.get $left))))

  ;; The confidence of slot j of a row's last block; any value does past the row's end.
  (func $confidenceOf (param $conf i32) (param $j i32) (param $left i32) (result f32)
    (if (result f32) (i32.lt_u (local.get $j) (local.get $left))
      (then (f32.load (i32.add (local.get $conf) (i32.shl (local.get $j) (i32.const 2)))))
      (else (f32.const 1))))

  ;; $rowPass for the eight rows of Y starting at y0 … y7 (floats) with
  ;; confidences c0 … c7, and v (floats): their dot products with v go to
  ;; dots[0 … 8) (doubles), then their weighted sum is added to out (doubles).
  ;; Both loops take one 64-byte line (16 floats) of each row per iteration,
  ;; which V8 turns into loads at constant offsets from one address per row,
  ;; and the line of v is loaded once for all eight. More rows or more lines at
  ;; a time run out of registers.
  ;; The dot products sum each line as ((f0–3) + (f4–7)) + ((f8–11) + (f12–15))
  ;; into one accumulator per row, factor f in lane f mod 4, then add the lanes
  ;; as (l0 + l2) + (l1 + l3): eight independent chains of additions. The
  ;; weighted sum of a line of the eight rows is formed in single precision,
  ;; then widened and added to out in double, so no sum of more than eight
  ;; terms is rounded to single precision (see the precision note at the top).
  (func $passEight
    (param $k i32) (param $v i32) (param $out i32) (param $dots i32) (param $beta f64) (param $gamma f64)
    (param $y0 i32) (param $y1 i32) (param $y2 i32) (param $y3 i32) (param $y4 i32) (param $y5 i32) (param $y6 i32) (param $y7 i32)
    (param $c0 f32) (param $c1 f32) (param $c2 f32) (param $c3 f32) (param $c4 f32) (param $c5 f32) (param $c6 f32) (param $c7 f32)
    (local $kb i32) (local $f i32) (local $o i32) (local $t f64) (local $c f64) (local $sum v128) (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $s4 v128) (local $s5 v128) (local $s6 v128) (local $s7 v128)
    (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128) (local $w4 v128) (local $w5 v128) (local $w6 v128) (local $w7 v128)
    (local.set $kb (i32.shl (local.get $k) (i32.const 2)))
    (loop $dot
      (local.set $v0 (v128.load offset=0 (i32.add (local.get $v) (local.get $f))))
      (local.set $v1 (v128.load offset=16 (i32.add (local.get $v) (local.get $f))))
      (local.set $v2 (v128.load offset=32 (i32.add (local.get $v) (local.get $f))))
      (local.set $v3 (v128.load offset=48 (i32.add (local.get $v) (local.get $f))))
      (local.set $s0 (f32x4.add (local.get $s0)
        (f32x4.add
          (f32x4.add
            (f32x4.mul (v128.load offset=0 (i32.add (local.get $y0) (local.get $f))) (local.get $v0))
            (f32x4.mul (v128.load offset=16 (i32.add (local.get $y0) (local.get $f))) (local.get $v1)))
          (f32x4.add
            (f32x4.mul (v128.load offset=32 (i32.add (local.get $y0) (local.get $f))) (local.get $v2))
            (f32x4.mul (v128.load offset=48 (i32.add (local.get $y0) (local.get $f))) (local.get $v3))))))
      (local.set $s1 (f32x4.add (local.get $s1)
        (f32x4.add
          (f32x4.add
            (f32x4.mul (v128.load offset=0 (i32.add (local.get $y1) (local.get $f))) (local.get $v0))
            (f32x4.mul (v128.load offset=16 (i32.add (local.get $y1) (local.get $f))) (local.get $v1)))
          (f32x4.add
            (f32x4.mul (v128.load offset=32 (i32.add (local.get $y1) (local.get $f))) (local.get $v2))
            (f32x4.mul (v128.load offset=48 (i32.add (local.get $y1) (local.get $f))) (local.get $v3))))))
      (local.set $s2 (f32x4.add (local.get $s2)
        (f32x4.add
          (f32x4.add
            (f32x4.mul (v128.load offset=0 (i32.add (local.get $y2) (local.get $f))) (local.get $v0))
            (f32x4.mul (v128.load offset=16 (i32.add (local.get $y2) (local.get $f))) (local.get $v1)))
          (f32x4.add
            (f32x4.mul (v128.load offset=32 (i32.add (local.get $y2) (local.get $f))) (local.get $v2))
            (f32x4.mul (v128.load offset=48 (i32.add (local.get $y2) (local.get $f))) (local.get $v3))))))
      (local.set $s3 (f32x4.add (local.get $s3)
        (f32x4.add
          (f32x4.add
            (f32x4.mul (v128.load offset=0 (i32.add (local.get $y3) (local.get $f))) (local.get $v0))
            (f32x4.mul (v128.load offset=16 (i32.add (local.get $y3) (local.get $f))) (local.get $v1)))
          (f32x4.add
            (f32x4.mul (v128.load offset=32 (i32.add (local.get $y3) (local.get $f))) (local.get $v2))
            (f32x4.mul (v128.load offset=48 (i32.add (local.get $y3) (local.get $f))) (local.get $v3))))))
      (local.set $s4 (f32x4.add (local.get $s4)
        (f32x4.add
          (f32x4.add
            (f32x4.mul (v128.load offset=0 (i32.add (local.get $y4) (local.get $f))) (local.get $v0))
            (f32x4.mul (v128.load offset=16 (i32.add (local.get $y4) (local.get $f))) (local.get $v1)))
          (f32x4.add
            (f32x4.mul (v128.load offset=32 (i32.add (local.get $y4) (local.get $f))) (local.get $v2))
            (f32x4.mul (v128.load offset=48 (i32.add (local.get $y4) (local.get $f))) (local.get $v3))))))
      (local.set $s5 (f32x4.add (local.get $s5)
        (f32x4.add
          (f32x4.add
            (f32x4.mul (v128.load offset=0 (i32.add (local.get $y5) (local.get $f))) (local.get $v0))
            (f32x4.mul (v128.load offset=16 (i32.add (local.get $y5) (local.get $f))) (local.get $v1)))
          (f32x4.add
            (f32x4.mul (v128.load offset=32 (i32.add (local.get $y5) (local.get $f))) (local.get $v2))
            (f32x4.mul (v128.load offset=48 (i32.add (local.get $y5) (local.get $f))) (local.get $v3))))))
      (local.set $s6 (f32x4.add (local.get $s6)
        (f32x4.add
          (f32x4.add
            (f32x4.mul (v128.load offset=0 (i32.add (local.get $y6) (local.get $f))) (local.get $v0))
            (f32x4.mul (v128.load offset=16 (i32.add (local.get $y6) (local.get $f))) (local.get $v1)))
          (f32x4.add
            (f32x4.mul (v128.load offset=32 (i32.add (local.get $y6) (local.get $f))) (local.get $v2))
            (f32x4.mul (v128.load offset=48 (i32.add (local.get $y6) (local.get $f))) (local.get $v3))))))
      (local.set $s7 (f32x4.add (local.get $s7)
        (f32x4.add
          (f32x4.add
            (f32x4.mul (v128.load offset=0 (i32.add (local.get $y7) (local.get $f))) (local.get $v0))
            (f32x4.mul (v128.load offset=16 (i32.add (local.get $y7) (local.get $f))) (local.get $v1)))
          (f32x4.add
            (f32x4.mul (v128.load offset=32 (i32.add (local.get $y7) (local.get $f))) (local.get $v2))
            (f32x4.mul (v128.load offset=48 (i32.add (local.get $y7) (local.get $f))) (local.get $v3))))))
      (local.set $f (i32.add (local.get $f) (i32.const 64)))
      (br_if $dot (i32.lt_u (local.get $f) (local.get $kb))))
    ;; y_j·v = (s_j0 + s_j2) + (s_j1 + s_j3) in single precision, then
    ;; w_j = β c_j + γ (c_j − 1)(y_j·v) in double, rounded once into all four lanes.
    (local.set $s0 (f32x4.add (local.get $s0) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s0) (local.get $s0))))
    (local.set $t (f64.promote_f32 (f32.add (f32x4.extract_lane 0 (local.get $s0)) (f32x4.extract_lane 1 (local.get $s0)))))
    (f64.store offset=0 (local.get $dots) (local.get $t))
    (local.set $c (f64.promote_f32 (local.get $c0)))
    (local.set $w0 (f32x4.splat (f32.demote_f64 (f64.add (f64.mul (local.get $beta) (local.get $c)) (f64.mul (f64.mul (local.get $gamma) (f64.sub (local.get $c) (f64.const 1))) (local.get $t))))))
    (local.set $s1 (f32x4.add (local.get $s1) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s1) (local.get $s1))))
    (local.set $t (f64.promote_f32 (f32.add (f32x4.extract_lane 0 (local.get $s1)) (f32x4.extract_lane 1 (local.get $s1)))))
    (f64.store offset=8 (local.get $dots) (local.get $t))
    (local.set $c (f64.promote_f32 (local.get $c1)))
    (local.set $w1 (f32x4.splat (f32.demote_f64 (f64.add (f64.mul (local.get $beta) (local.get $c)) (f64.mul (f64.mul (local.get $gamma) (f64.sub (local.get $c) (f64.const 1))) (local.get $t))))))
    (local.set $s2 (f32x4.add (local.get $s2) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s2) (local.get $s2))))
    (local.set $t (f64.promote_f32 (f32.add (f32x4.extract_lane 0 (local.get $s2)) (f32x4.extract_lane 1 (local.get $s2)))))
    (f64.store offset=16 (local.get $dots) (local.get $t))
    (local.set $c (f64.promote_f32 (local.get $c2)))
    (local.set $w2 (f32x4.splat (f32.demote_f64 (f64.add (f64.mul (local.get $beta) (local.get $c)) (f64.mul (f64.mul (local.get $gamma) (f64.sub (local.get $c) (f64.const 1))) (local.get $t))))))
    (local.set $s3 (f32x4.add (local.get $s3) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s3) (local.get $s3))))
    (local.set $t (f64.promote_f32 (f32.add (f32x4.extract_lane 0 (local.get $s3)) (f32x4.extract_lane 1 (local.get $s3)))))
    (f64.store offset=24 (local.get $dots) (local.get $t))
    (local.set $c (f64.promote_f32 (local.get $c3)))
    (local.set $w3 (f32x4.splat (f32.demote_f64 (f64.add (f64.mul (local.get $beta) (local.get $c)) (f64.mul (f64.mul (local.get $gamma) (f64.sub (local.get $c) (f64.const 1))) (local.get $t))))))
    (local.set $s4 (f32x4.add (local.get $s4) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s4) (local.get $s4))))
    (local.set $t (f64.promote_f32 (f32.add (f32x4.extract_lane 0 (local.get $s4)) (f32x4.extract_lane 1 (local.get $s4)))))
    (f64.store offset=32 (local.get $dots) (local.get $t))
    (local.set $c (f64.promote_f32 (local.get $c4)))
    (local.set $w4 (f32x4.splat (f32.demote_f64 (f64.add (f64.mul (local.get $beta) (local.get $c)) (f64.mul (f64.mul (local.get $gamma) (f64.sub (local.get $c) (f64.const 1))) (local.get $t))))))
    (local.set $s5 (f32x4.add (local.get $s5) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s5) (local.get $s5))))
    (local.set $t (f64.promote_f32 (f32.add (f32x4.extract_lane 0 (local.get $s5)) (f32x4.extract_lane 1 (local.get $s5)))))
    (f64.store offset=40 (local.get $dots) (local.get $t))
    (local.set $c (f64.promote_f32 (local.get $c5)))
    (local.set $w5 (f32x4.splat (f32.demote_f64 (f64.add (f64.mul (local.get $beta) (local.get $c)) (f64.mul (f64.mul (local.get $gamma) (f64.sub (local.get $c) (f64.const 1))) (local.get $t))))))
    (local.set $s6 (f32x4.add (local.get $s6) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s6) (local.get $s6))))
    (local.set $t (f64.promote_f32 (f32.add (f32x4.extract_lane 0 (local.get $s6)) (f32x4.extract_lane 1 (local.get $s6)))))
    (f64.store offset=48 (local.get $dots) (local.get $t))
    (local.set $c (f64.promote_f32 (local.get $c6)))
    (local.set $w6 (f32x4.splat (f32.demote_f64 (f64.add (f64.mul (local.get $beta) (local.get $c)) (f64.mul (f64.mul (local.get $gamma) (f64.sub (local.get $c) (f64.const 1))) (local.get $t))))))
    (local.set $s7 (f32x4.add (local.get $s7) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s7) (local.get $s7))))
    (local.set $t (f64.promote_f32 (f32.add (f32x4.extract_lane 0 (local.get $s7)) (f32x4.extract_lane 1 (local.get $s7)))))
    (f64.store offset=56 (local.get $dots) (local.get $t))
    (local.set $c (f64.promote_f32 (local.get $c7)))
    (local.set $w7 (f32x4.splat (f32.demote_f64 (f64.add (f64.mul (local.get $beta) (local.get $c)) (f64.mul (f64.mul (local.get $gamma) (f64.sub (local.get $c) (f64.const 1))) (local.get $t))))))
    (local.set $f (i32.const 0))
    (local.set $o (local.get $out))
    (loop $add
      (local.set $sum
        (f32x4.add
          (f32x4.add
            (f32x4.add (f32x4.mul (local.get $w0) (v128.load offset=0 (i32.add (local.get $y0) (local.get $f)))) (f32x4.mul (local.get $w1) (v128.load offset=0 (i32.add (local.get $y1) (local.get $f)))))
            (f32x4.add (f32x4.mul (local.get $w2) (v128.load offset=0 (i32.add (local.get $y2) (local.get $f)))) (f32x4.mul (local.get $w3) (v128.load offset=0 (i32.add (local.get $y3) (local.get $f))))))
          (f32x4.add
            (f32x4.add (f32x4.mul (local.get $w4) (v128.load offset=0 (i32.add (local.get $y4) (local.get $f)))) (f32x4.mul (local.get $w5) (v128.load offset=0 (i32.add (local.get $y5) (local.get $f)))))
            (f32x4.add (f32x4.mul (local.get $w6) (v128.load offset=0 (i32.add (local.get $y6) (local.get $f)))) (f32x4.mul (local.get $w7) (v128.load offset=0 (i32.add (local.get $y7) (local.get $f))))))))
      (v128.store offset=0 (local.get $o)
        (f64x2.add (v128.load offset=0 (local.get $o)) (f64x2.promote_low_f32x4 (local.get $sum))))
      (v128.store offset=16 (local.get $o)
        (f64x2.add (v128.load offset=16 (local.get $o))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $sum) (local.get $sum)))))
      (local.set $sum
        (f32x4.add
          (f32x4.add
            (f32x4.add (f32x4.mul (local.get $w0) (v128.load offset=16 (i32.add (local.get $y0) (local.get $f)))) (f32x4.mul (local.get $w1) (v128.load offset=16 (i32.add (local.get $y1) (local.get $f)))))
            (f32x4.add (f32x4.mul (local.get $w2) (v128.load offset=16 (i32.add (local.get $y2) (local.get $f)))) (f32x4.mul (local.get $w3) (v128.load offset=16 (i32.add (local.get $y3) (local.get $f))))))
          (f32x4.add
            (f32x4.add (f32x4.mul (local.get $w4) (v128.load offset=16 (i32.add (local.get $y4) (local.get $f)))) (f32x4.mul (local.get $w5) (v128.load offset=16 (i32.add (local.get $y5) (local.get $f)))))
            (f32x4.add (f32x4.mul (local.get $w6) (v128.load offset=16 (i32.add (local.get $y6) (local.get $f)))) (f32x4.mul (local.get $w7) (v128.load offset=16 (i32.add (local.get $y7) (local.get $f))))))))
      (v128.store offset=32 (local.get $o)
        (f64x2.add (v128.load offset=32 (local.get $o)) (f64x2.promote_low_f32x4 (local.get $sum))))
      (v128.store offset=48 (local.get $o)
        (f64x2.add (v128.load offset=48 (local.get $o))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $sum) (local.get $sum)))))
      (local.set $sum
        (f32x4.add
          (f32x4.add
            (f32x4.add (f32x4.mul (local.get $w0) (v128.load offset=32 (i32.add (local.get $y0) (local.get $f)))) (f32x4.mul (local.get $w1) (v128.load offset=32 (i32.add (local.get $y1) (local.get $f)))))
            (f32x4.add (f32x4.mul (local.get $w2) (v128.load offset=32 (i32.add (local.get $y2) (local.get $f)))) (f32x4.mul (local.get $w3) (v128.load offset=32 (i32.add (local.get $y3) (local.get $f))))))
          (f32x4.add
            (f32x4.add (f32x4.mul (local.get $w4) (v128.load offset=32 (i32.add (local.get $y4) (local.get $f)))) (f32x4.mul (local.get $w5) (v128.load offset=32 (i32.add (local.get $y5) (local.get $f)))))
            (f32x4.add (f32x4.mul (local.get $w6) (v128.load offset=32 (i32.add (local.get $y6) (local.get $f)))) (f32x4.mul (local.get $w7) (v128.load offset=32 (i32.add (local.get $y7) (local.get $f))))))))
      (v128.store offset=64 (local.get $o)
        (f64x2.add (v128.load offset=64 (local.get $o)) (f64x2.promote_low_f32x4 (local.get $sum))))
      (v128.store offset=80 (local.get $o)
        (f64x2.add (v128.load offset=80 (local.get $o))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $sum) (local.get $sum)))))
      (local.set $sum
        (f32x4.add
          (f32x4.add
            (f32x4.add (f32x4.mul (local.get $w0) (v128.load offset=48 (i32.add (local.get $y0) (local.get $f)))) (f32x4.mul (local.get $w1) (v128.load offset=48 (i32.add (local.get $y1) (local.get $f)))))
            (f32x4.add (f32x4.mul (local.get $w2) (v128.load offset=48 (i32.add (local.get $y2) (local.get $f)))) (f32x4.mul (local.get $w3) (v128.load offset=48 (i32.add (local.get $y3) (local.get $f))))))
          (f32x4.add
            (f32x4.add (f32x4.mul (local.get $w4) (v128.load offset=48 (i32.add (local.get $y4) (local.get $f)))) (f32x4.mul (local.get $w5) (v128.load offset=48 (i32.add (local.get $y5) (local.get $f)))))
            (f32x4.add (f32x4.mul (local.get $w6) (v128.load offset=48 (i32.add (local.get $y6) (local.get $f)))) (f32x4.mul (local.get $w7) (v128.load offset=48 (i32.add (local.get $y7) (local.get $f))))))))
      (v128.store offset=96 (local.get $o)
        (f64x2.add (v128.load offset=96 (local.get $o)) (f64x2.promote_low_f32x4 (local.get $sum))))
      (v128.store offset=112 (local.get $o)
        (f64x2.add (v128.load offset=112 (local.get $o))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $sum) (local.get $sum)))))
      (local.set $o (i32.add (local.get $o) (i32.const 128)))
      (local.set $f (i32.add (local.get $f) (i32.const 64)))
      (br_if $add (i32.lt_u (local.get $f) (local.get $kb)))))


  ;; dst[0 … k) = src[0 … k) in double precision, from single.
  (func $widen (param $dst i32) (param $src i32) (param $k i32)
    (local $f i32) (local $kb i32) (local $s v128)
    (local.set $kb (i32.shl (local.get $k) (i32.const 2)))
    (loop $four
      (local.set $s (v128.load (i32.add (local.get $src) (local.get $f))))
      (v128.store offset=0 (i32.add (local.get $dst) (i32.shl (local.get $f) (i32.const 1))) (f64x2.promote_low_f32x4 (local.get $s)))
      (v128.store offset=16 (i32.add (local.get $dst) (i32.shl (local.get $f) (i32.const 1)))
        (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s) (local.get $s))))
      (local.set $f (i32.add (local.get $f) (i32.const 16)))
      (br_if $four (i32.lt_u (local.get $f) (local.get $kb)))))

  ;; dst[0 … k) = src[0 … k) rounded to single precision, from double.
  (func $narrow (param $dst i32) (param $src i32) (param $k i32)
    (local $f i32) (local $kb i32)
    (local.set $kb (i32.shl (local.get $k) (i32.const 2)))
    (loop $four
      (v128.store (i32.add (local.get $dst) (local.get $f))
        (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          (f32x4.demote_f64x2_zero (v128.load offset=0 (i32.add (local.get $src) (i32.shl (local.get $f) (i32.const 1)))))
          (f32x4.demote_f64x2_zero (v128.load offset=16 (i32.add (local.get $src) (i32.shl (local.get $f) (i32.const 1)))))))
      (local.set $f (i32.add (local.get $f) (i32.const 16)))
      (br_if $four (i32.lt_u (local.get $f) (local.get $kb)))))

  ;; a[0 … k) · b[0 … k), even and odd factors in the two lanes, then the lanes added.
  (func $dot (param $a i32) (param $b i32) (param $k i32) (result f64)
    (local $f i32) (local $kb i32) (local $s v128)
    (local.set $kb (i32.shl (local.get $k) (i32.const 3)))
    (loop $pair
      (local.set $s (f64x2.add (local.get $s)
        (f64x2.mul (v128.load (i32.add (local.get $a) (local.get $f))) (v128.load (i32.add (local.get $b) (local.get $f))))))
      (local.set $f (i32.add (local.get $f) (i32.const 16)))
      (br_if $pair (i32.lt_u (local.get $f) (local.get $kb))))
    (f64.add (f64x2.extract_lane 0 (local.get $s)) (f64x2.extract_lane 1 (local.get $s))))

  ;; y[0 … n) += α x[0 … n), for any n.
  (func $addScaled (param $y i32) (param $x i32) (param $alpha f64) (param $n i32)
    (local $f i32) (local $pairs i32) (local $a v128)
    (local.set $pairs (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (local.set $a (f64x2.splat (local.get $alpha)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $f) (local.get $pairs)))
        (v128.store (i32.add (local.get $y) (local.get $f))
          (f64x2.add (v128.load (i32.add (local.get $y) (local.get $f)))
            (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $x) (local.get $f))))))
        (local.set $f (i32.add (local.get $f) (i32.const 16)))
        (br $pair)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (f64.store (i32.add (local.get $y) (local.get $f))
          (f64.add (f64.load (i32.add (local.get $y) (local.get $f)))
            (f64.mul (local.get $alpha) (f64.load (i32.add (local.get $x) (local.get $f)))))))))

  ;; v[0 … k) = −v.
  (func $negate (param $v i32) (param $k i32)
    (local $f i32) (local $kb i32)
    (local.set $kb (i32.shl (local.get $k) (i32.const 3)))
    (loop $pair
      (v128.store (i32.add (local.get $v) (local.get $f)) (f64x2.neg (v128.load (i32.add (local.get $v) (local.get $f)))))
      (local.set $f (i32.add (local.get $f) (i32.const 16)))
      (br_if $pair (i32.lt_u (local.get $f) (local.get $kb)))))

  ;; x += αp and r −= α A p; returns the new |r|², summed like $dot.
  (func $stepXR (param $x i32) (param $r i32) (param $p i32) (param $ap i32) (param $alpha f64) (param $k i32) (result f64)
    (local $f i32) (local $kb i32) (local $a v128) (local $rf v128) (local $s v128)
    (local.set $kb (i32.shl (local.get $k) (i32.const 3)))
    (local.set $a (f64x2.splat (local.get $alpha)))
    (loop $pair
      (v128.store (i32.add (local.get $x) (local.get $f))
        (f64x2.add (v128.load (i32.add (local.get $x) (local.get $f)))
          (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $p) (local.get $f))))))
      (local.set $rf
        (f64x2.sub (v128.load (i32.add (local.get $r) (local.get $f)))
          (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $ap) (local.get $f))))))
      (v128.store (i32.add (local.get $r) (local.get $f)) (local.get $rf))
      (local.set $s (f64x2.add (local.get $s) (f64x2.mul (local.get $rf) (local.get $rf))))
      (local.set $f (i32.add (local.get $f) (i32.const 16)))
      (br_if $pair (i32.lt_u (local.get $f) (local.get $kb))))
    (f64.add (f64x2.extract_lane 0 (local.get $s)) (f64x2.extract_lane 1 (local.get $s))))

  ;; p = r + βp.
  (func $stepP (param $p i32) (param $r i32) (param $beta f64) (param $k i32)
    (local $f i32) (local $kb i32) (local $b v128)
    (local.set $kb (i32.shl (local.get $k) (i32.const 3)))
    (local.set $b (f64x2.splat (local.get $beta)))
    (loop $pair
      (v128.store (i32.add (local.get $p) (local.get $f))
        (f64x2.add (v128.load (i32.add (local.get $r) (local.get $f)))
          (f64x2.mul (local.get $b) (v128.load (i32.add (local.get $p) (local.get $f))))))
      (local.set $f (i32.add (local.get $f) (i32.const 16)))
      (br_if $pair (i32.lt_u (local.get $f) (local.get $kb)))))

  ;; Σ_j (c_j − 1)s_j² − 2c_j s_j + c_j over a row's n scores s and confidences c:
  ;; c(1 − s)² − s², the observed cells' share of the objective.
  (func $observedLoss (param $s i32) (param $c i32) (param $n i32) (result f64)
    (local $end i32) (local $sj f64) (local $cj f64) (local $sum f64)
    (local.set $end (i32.add (local.get $c) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $c) (local.get $end)))
        (local.set $sj (f64.load (local.get $s)))
        (local.set $cj (f64.promote_f32 (f32.load (local.get $c))))
        (local.set $sum
          (f64.add (local.get $sum)
            (f64.add
              (f64.sub
                (f64.mul (f64.mul (f64.sub (local.get $cj) (f64.const 1)) (local.get $sj)) (local.get $sj))
                (f64.mul (f64.mul (f64.const 2) (local.get $cj)) (local.get $sj)))
              (local.get $cj))))
        (local.set $s (i32.add (local.get $s) (i32.const 8)))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $each)))
    (local.get $sum))

  ;; out_i = M v_i for the symmetric k × k M and the four k-vectors v_i at
  ;; v + i·k·8 (results at out + i·k·8). By symmetry, entries a, a+1 of M v are
  ;; Σ_b M[b][a … a+1] v[b], a pair from row b of M times a broadcast v[b]:
  ;; four entries (two pairs) of four products are eight independent sums for
  ;; six loads. Every entry is a sum over b = 0 … k−1 in order.
  (func $groupMatVec (param $m i32) (param $v i32) (param $out i32) (param $k i32)
    (local $kb i32) (local $a i32) (local $b i32) (local $row i32) (local $v1 i32) (local $v2 i32) (local $v3 i32)
    (local $m0 v128) (local $m1 v128) (local $p0 v128) (local $p1 v128) (local $p2 v128) (local $p3 v128)
    (local $s00 v128) (local $s01 v128) (local $s02 v128) (local $s03 v128)
    (local $s10 v128) (local $s11 v128) (local $s12 v128) (local $s13 v128)
    (local.set $kb (i32.shl (local.get $k) (i32.const 3)))
    (local.set $v1 (i32.add (local.get $v) (local.get $kb)))
    (local.set $v2 (i32.add (local.get $v1) (local.get $kb)))
    (local.set $v3 (i32.add (local.get $v2) (local.get $kb)))
    ;; a and b count bytes along a row of M.
    (loop $four
      (local.set $s00 (v128.const f64x2 0 0))
      (local.set $s01 (v128.const f64x2 0 0))
      (local.set $s02 (v128.const f64x2 0 0))
      (local.set $s03 (v128.const f64x2 0 0))
      (local.set $s10 (v128.const f64x2 0 0))
      (local.set $s11 (v128.const f64x2 0 0))
      (local.set $s12 (v128.const f64x2 0 0))
      (local.set $s13 (v128.const f64x2 0 0))
      (local.set $row (i32.add (local.get $m) (local.get $a)))
      (local.set $b (i32.const 0))
      (loop $along
        (local.set $m0 (v128.load offset=0 (local.get $row)))
        (local.set $m1 (v128.load offset=16 (local.get $row)))
        (local.set $p0 (v128.load64_splat (i32.add (local.get $v) (local.get $b))))
        (local.set $p1 (v128.load64_splat (i32.add (local.get $v1) (local.get $b))))
        (local.set $p2 (v128.load64_splat (i32.add (local.get $v2) (local.get $b))))
        (local.set $p3 (v128.load64_splat (i32.add (local.get $v3) (local.get $b))))
        (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $m0) (local.get $p0))))
        (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $m0) (local.get $p1))))
        (local.set $s02 (f64x2.add (local.get $s02) (f64x2.mul (local.get $m0) (local.get $p2))))
        (local.set $s03 (f64x2.add (local.get $s03) (f64x2.mul (local.get $m0) (local.get $p3))))
        (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $m1) (local.get $p0))))
        (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $m1) (local.get $p1))))
        (local.set $s12 (f64x2.add (local.get $s12) (f64x2.mul (local.get $m1) (local.get $p2))))
        (local.set $s13 (f64x2.add (local.get $s13) (f64x2.mul (local.get $m1) (local.get $p3))))
        (local.set $row (i32.add (local.get $row) (local.get $kb)))
        (local.set $b (i32.add (local.get $b) (i32.const 8)))
        (br_if $along (i32.lt_u (local.get $b) (local.get $kb))))
      (v128.store offset=0 (i32.add (local.get $out) (local.get $a)) (local.get $s00))
      (v128.store offset=16 (i32.add (local.get $out) (local.get $a)) (local.get $s10))
      (v128.store offset=0 (i32.add (i32.add (local.get $out) (local.get $kb)) (local.get $a)) (local.get $s01))
      (v128.store offset=16 (i32.add (i32.add (local.get $out) (local.get $kb)) (local.get $a)) (local.get $s11))
      (v128.store offset=0 (i32.add (i32.add (local.get $out) (i32.shl (local.get $kb) (i32.const 1))) (local.get $a)) (local.get $s02))
      (v128.store offset=16 (i32.add (i32.add (local.get $out) (i32.shl (local.get $kb) (i32.const 1))) (local.get $a)) (local.get $s12))
      (v128.store offset=0 (i32.add (i32.add (local.get $out) (i32.mul (local.get $kb) (i32.const 3))) (local.get $a)) (local.get $s03))
      (v128.store offset=16 (i32.add (i32.add (local.get $out) (i32.mul (local.get $kb) (i32.const 3))) (local.get $a)) (local.get $s13))
      (local.set $a (i32.add (local.get $a) (i32.const 32)))
      (br_if $four (i32.lt_u (local.get $a) (local.get $kb)))))

  ;; The upper triangle of Σ_r f_r f_rᵀ over rows [from, to) of the factors,
  ;; written to out (k × k). Four rows per pass over the triangle, a quarter of
  ;; the loads and stores of out; a last block of fewer rows repeats its first
  ;; row with weight 0 in the empty slots, which adds nothing. Row a of the
  ;; triangle starts at the pair holding its diagonal, so the entry left of an
  ;; odd diagonal gets a sum too; only the upper triangle is read.
  (func (export "gram_rows") (param $factors i32) (param $from i32) (param $to i32) (param $k i32) (param $out i32)
    (local $kb i32) (local $rows i32) (local $y0 i32) (local $y1 i32) (local $y2 i32) (local $y3 i32)
    (local $a i32) (local $b i32) (local $g i32)
    (local $f0 v128) (local $f1 v128) (local $f2 v128) (local $f3 v128)
    (local.set $kb (i32.shl (local.get $k) (i32.const 2)))
    (memory.fill (local.get $out) (i32.const 0) (i32.mul (i32.shl (local.get $k) (i32.const 3)) (local.get $k)))
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $from) (local.get $to)))
        (local.set $rows (i32.sub (local.get $to) (local.get $from)))
        (local.set $y0 (i32.add (local.get $factors) (i32.mul (local.get $from) (local.get $kb))))
        (local.set $y1 (select (i32.add (local.get $y0) (local.get $kb)) (local.get $y0) (i32.gt_u (local.get $rows) (i32.const 1))))
        (local.set $y2 (select (i32.add (local.get $y0) (i32.shl (local.get $kb) (i32.const 1))) (local.get $y0) (i32.gt_u (local.get $rows) (i32.const 2))))
        (local.set $y3 (select (i32.add (local.get $y0) (i32.mul (local.get $kb) (i32.const 3))) (local.get $y0) (i32.gt_u (local.get $rows) (i32.const 3))))
        ;; a and b count bytes along a factor row (4 per factor), g walks row a of out (8 per entry).
        (local.set $a (i32.const 0))
        (loop $across
          (local.set $f0 (f64x2.splat (f64.promote_f32 (f32.load (i32.add (local.get $y0) (local.get $a))))))
          (local.set $f1 (f64x2.splat (select (f64.promote_f32 (f32.load (i32.add (local.get $y1) (local.get $a)))) (f64.const 0) (i32.gt_u (local.get $rows) (i32.const 1)))))
          (local.set $f2 (f64x2.splat (select (f64.promote_f32 (f32.load (i32.add (local.get $y2) (local.get $a)))) (f64.const 0) (i32.gt_u (local.get $rows) (i32.const 2)))))
          (local.set $f3 (f64x2.splat (select (f64.promote_f32 (f32.load (i32.add (local.get $y3) (local.get $a)))) (f64.const 0) (i32.gt_u (local.get $rows) (i32.const 3)))))
          (local.set $b (i32.and (local.get $a) (i32.const -8)))
          (local.set $g (i32.add (local.get $out) (i32.add (i32.mul (i32.shl (local.get $a) (i32.const 1)) (local.get $k)) (i32.shl (local.get $b) (i32.const 1)))))
          (loop $pair
            (v128.store (local.get $g)
              (f64x2.add (v128.load (local.get $g))
                (f64x2.add
                  (f64x2.add
                    (f64x2.mul (local.get $f0) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $y0) (local.get $b)))))
                    (f64x2.mul (local.get $f1) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $y1) (local.get $b))))))
                  (f64x2.add
                    (f64x2.mul (local.get $f2) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $y2) (local.get $b)))))
                    (f64x2.mul (local.get $f3) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $y3) (local.get $b)))))))))
            (local.set $g (i32.add (local.get $g) (i32.const 16)))
            (local.set $b (i32.add (local.get $b) (i32.const 8)))
            (br_if $pair (i32.lt_u (local.get $b) (local.get $kb))))
          (local.set $a (i32.add (local.get $a) (i32.const 4)))
          (br_if $across (i32.lt_u (local.get $a) (local.get $kb))))
        (local.set $from (i32.add (local.get $from) (i32.const 4)))
        (br $block))))
)
