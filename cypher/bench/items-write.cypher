// A batch of bench items: a dense item index and its vector.
UNWIND $rows AS row
CREATE (:BenchItem {item: toInteger(row.item), vector: row.vector})
