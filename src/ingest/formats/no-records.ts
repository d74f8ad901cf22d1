/** The stream of a file a format does not have (users in the CSV releases, tags in ml-1m). */
export async function* noRecords<T>(): AsyncGenerator<T> {}
