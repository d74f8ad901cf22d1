// The $first best of $k candidates the bench index returns for a query vector.
CALL db.index.vector.queryNodes('bench_items', toInteger($k), $vector) YIELD node, score
RETURN node.item AS item
ORDER BY score DESC
LIMIT toInteger($first)
