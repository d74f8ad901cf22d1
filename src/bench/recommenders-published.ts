/** One row of Microsoft Recommenders' published MovieLens 100k comparison. */
export interface PublishedRow {
  algorithm: string;
  /** Their MAP: AP of the top 10 divided by |relevant| (our mapOverRelevant), not our MAP@10. */
  map: number;
  ndcg: number;
  precision: number;
  recall: number;
  /** What the model is and how it was set up, from their benchmark code. */
  note: string;
}

/**
 * Where the rows come from: the "Algorithm Comparison" table of the
 * repository's README, produced by examples/06_benchmarks/movielens.ipynb
 * (ml-100k, python_stratified_split with ratio 0.75 and filter_by="item",
 * top 10 over the training items a user has not rated, every held-out item
 * relevant).
 */
export const PUBLISHED_SOURCE =
  "https://github.com/recommenders-team/recommenders/blob/005dcd06bd32ab996c7e4c9892ebbfcab80adb1a/README.md#algorithm-comparison";

/** Every row of that table, as printed there (K = 10; rating metrics left out). */
export const PUBLISHED: readonly PublishedRow[] = [
  { algorithm: "ALS", map: 0.004732, ndcg: 0.044239, precision: 0.048462, recall: 0.017796, note: "Spark ALS on explicit ratings, ranked by predicted rating" },
  { algorithm: "BiVAE", map: 0.146126, ndcg: 0.475077, precision: 0.411771, recall: 0.219145, note: "Cornac bilateral VAE, on a GPU" },
  { algorithm: "BPR", map: 0.132478, ndcg: 0.441997, precision: 0.388229, recall: 0.212522, note: "Cornac BPR" },
  { algorithm: "FastAI", map: 0.025503, ndcg: 0.147866, precision: 0.130329, recall: 0.053824, note: "embedding dot-bias on explicit ratings, ranked by predicted rating" },
  { algorithm: "LightGCN", map: 0.088526, ndcg: 0.419846, precision: 0.379626, recall: 0.144336, note: "graph convolution, on a GPU" },
  { algorithm: "NCF", map: 0.10772, ndcg: 0.396118, precision: 0.347296, recall: 0.180775, note: "neural MF (NeuMF), on a GPU" },
  { algorithm: "SAR", map: 0.110591, ndcg: 0.382461, precision: 0.330753, recall: 0.176385, note: "item co-occurrence (Jaccard) with time decay" },
  { algorithm: "SVD", map: 0.012873, ndcg: 0.09593, precision: 0.091198, recall: 0.032783, note: "Surprise SVD on explicit ratings, ranked by predicted rating" },
];
