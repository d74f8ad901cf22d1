/** The MovieLens files the tests read, in `../shared` beside the checkout. */
export const SHARED_DATA = new URL("../../shared/data/movielens/", import.meta.url).pathname;
export const ML_LATEST_SMALL = `${SHARED_DATA}ml-latest-small`;
export const GENOME = `${SHARED_DATA}genome`;
