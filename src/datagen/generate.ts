/**
 * Deterministic generator of MovieLens-shaped data sets of any size, written
 * in the CSV release format of ml-latest-small / ml-25m so that every loader
 * and benchmark can read it like a real release.
 *
 * Shape, taken from the real releases:
 * - movie popularity is a power law (Zipf–Mandelbrot, exponent 1): a few
 *   movies get most ratings, the long tail gets a handful each;
 * - user activity is log-normal with a floor of 20 ratings per user;
 * - a rating is a noisy latent score (movie quality + user bias + the user's
 *   taste for the movie's latent genres) mapped onto half stars so that the
 *   marginal distribution is that of ml-25m (mean 3.53, mode 4.0, whole stars
 *   more common than half stars). The latent terms give collaborative
 *   filtering something real to learn.
 *
 * Memory stays bounded at any size: movies live in typed arrays, users are
 * generated one at a time from their own random stream, and rows go straight
 * to disk through a writer that waits when the file stream asks it to.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { once } from "node:events";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { performance } from "node:perf_hooks";
import { AliasTable, Random, zipfWeights } from "../common/random.js";
import { NO_GENRES } from "../ingest/titles.js";

export interface GenerateOptions {
  users: number;
  movies: number;
  ratings: number;
  /** Defaults to ratings / 30. */
  tags?: number;
  seed: number;
  outDir: string;
  /** Called with ratings written so far, a few hundred times per run and once at the end. */
  onProgress?: (written: number, total: number) => void;
}

export interface GenerateResult {
  /** Users with at least one rating (all of them unless ratings < users). */
  users: number;
  movies: number;
  ratings: number;
  tags: number;
  /** Total size of the written files. */
  bytes: number;
  seconds: number;
}

/** In the order MovieLens lists them within a movie: alphabetical. */
export const GENRES = [
  "Action",
  "Adventure",
  "Animation",
  "Children",
  "Comedy",
  "Crime",
  "Documentary",
  "Drama",
  "Fantasy",
  "Film-Noir",
  "Horror",
  "IMAX",
  "Musical",
  "Mystery",
  "Romance",
  "Sci-Fi",
  "Thriller",
  "War",
  "Western",
] as const;


/** Movies per genre in ml-latest-small, so Drama and Comedy dominate as they do there. */
const GENRE_FREQUENCY = [1828, 1263, 611, 664, 3756, 1199, 440, 4361, 779, 87, 978, 158, 334, 573, 1596, 980, 1894, 382, 167];

/** Share of movies with 1, 2 and 3 genres. */
const GENRE_COUNT_SHARE = [0.38, 0.37, 0.25];
const NO_GENRES_SHARE = 0.02;

/** ml-25m's share of each half-star value, 0.5 to 5.0. */
const RATING_SHARE = [0.0157, 0.0311, 0.016, 0.0656, 0.0505, 0.1959, 0.1271, 0.2656, 0.088, 0.1445];
const RATING_TEXT = ["0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5", "4.0", "4.5", "5.0"];

/** MovieLens guarantees every user in a release has rated at least this many movies. */
const MIN_RATINGS_PER_USER = 20;
/** Log-normal spread of user activity; gives ml-25m's mean/median ratio of about 2.2. */
const ACTIVITY_SIGMA = 1.4;
/**
 * The most active user rates at most half the catalogue (ml-25m's rates 32k
 * of 59k movies). Also keeps rejection sampling of distinct movies cheap.
 */
const MAX_CATALOGUE_SHARE = 0.5;
const POPULARITY_EXPONENT = 1;
/**
 * Plain Zipf would have the top movies drawn by nearly every user; in ml-25m
 * the most rated movie has 81k ratings from 162k users. This Mandelbrot
 * offset brings the head down to that level.
 */
const POPULARITY_OFFSET = 10;

const QUALITY_SD = 0.5;
/** Popular movies are rated higher in MovieLens; this spread is added from the least to the most popular. */
const POPULARITY_QUALITY_SPREAD = 0.4;
const USER_BIAS_SD = 0.35;
const GENRE_TASTE_SD = 0.3;
/** Extra taste for a user's favourite genres (and against a disliked one). */
const FAVOURITE_GENRE_BOOST = 0.8;
/** Share of a user's picks drawn from a favourite genre rather than from overall popularity. */
const FAVOURITE_PICK_SHARE = 0.3;
const RATING_NOISE_SD = 0.8;
/**
 * Sample fitted to place the half-star cut points (see calibrateCutPoints);
 * enough for the shares to land within a few tenths of a percent.
 */
const CALIBRATION_USERS = 1024;
const CALIBRATION_SCORES_PER_USER = 128;

/** Distinct-movie rejection sampling gives up after this many draws per rating and fills the rest uniformly. */
const PICKS_PER_RATING = 4;

/** 1996-01-01 and 2019-01-01, UTC. */
const FIRST_TIMESTAMP = 820454400;
const END_TIMESTAMP = 1546300800;
/** Users rate in bursts: seconds apart within a session, weeks apart between sessions. */
const NEW_SESSION_CHANCE = 0.04;
const SESSION_GAP_SECONDS = 45 * 86400;
const IN_SESSION_GAP_SECONDS = 25;

/** Ids skip ahead now and then, leaving ids up to about 2.5 times the movie count, between ml-25m's 3.4 and a dense range. */
const ID_GAP_CHANCE = 0.2;
const ID_GAP_MEAN = 8;

const FIRST_YEAR = 1920;
const LAST_YEAR = 2018;
/** Mean age of a movie in years; releases are skewed toward recent years as in MovieLens. */
const MEAN_MOVIE_AGE = 20;

/** Share of users who tag at all; the taggers get heavy-tailed tag counts as in MovieLens. */
const TAGGER_SHARE = 0.15;
const TAG_ACTIVITY_SIGMA = 1.5;
const DEFAULT_RATINGS_PER_TAG = 30;
const GENRE_TAG_CHANCE = 0.5;

const TITLE_WORDS = [
  "Midnight", "River", "Shadow", "Summer", "Winter", "Last", "Lost", "City", "Night", "Love",
  "War", "Blood", "Star", "Dream", "Silent", "Dark", "Golden", "Secret", "Garden", "Road",
  "Heart", "Fire", "Ice", "Stone", "King", "Queen", "Ghost", "House", "Island", "Storm",
  "Empire", "Mirror", "Echo", "Harbor", "Letter", "Journey", "Promise", "Wild", "Iron", "Glass",
  "Moon", "Sun", "Ocean", "Desert", "Forest", "Train", "Station", "Street", "Hotel", "Circus",
  "Brother", "Sister", "Father", "Mother", "Stranger", "Thief", "Detective", "Soldier", "Doctor", "Angel",
  "Devil", "Machine", "Planet", "Galaxy", "Robot", "Monster", "Dragon", "Witch", "Kingdom", "Paradise",
  "Broken", "Crimson", "Electric", "Frozen", "Hidden", "Lonely", "Perfect", "Savage", "Sweet", "Twisted",
  "Return", "Escape", "Revenge", "Rising", "Falling", "Forever", "Tomorrow", "Yesterday", "Beyond", "Inside",
  "Café", "Señor", "Noël", "Amour", "Über", "Kiss", "Run", "Home", "Alone", "Zero",
  // Titles with commas and quotes make the writer's RFC 4180 quoting matter.
  "Goodbye, Moon", "Yes, Sir", "Run, Lola", "Hush, Hush", "\"Lucky\"", "Boys, Girls",
];
/** MovieLens moves a leading article to the end: "American President, The (1995)". */
const ARTICLES = ["The", "A"];
const ARTICLE_CHANCE = 0.12;
const TITLE_LENGTH_SHARE = [0.25, 0.4, 0.25, 0.1];

const GENERIC_TAGS = [
  "atmospheric", "funny", "twist ending", "thought-provoking", "visually appealing", "dark comedy",
  "classic", "quirky", "based on a book", "great soundtrack", "surreal", "predictable",
  "cult film", "overrated", "underrated", "nonlinear", "slow", "boring", "beautiful", "stylized",
  "great acting", "cinematography", "violence", "philosophical", "social commentary", "true story",
  "remake", "sequel", "in netflix queue", "Oscar (Best Picture)", "good dialogue", "clever",
  "slow, but worth it", "must see", "entertaining", "disappointing", "emotional", "intense",
  "feel-good", "mindfuck",
];
/** Tags that fit a genre, so tags carry some of the genre structure as real ones do. */
const GENRE_TAGS: Record<(typeof GENRES)[number], string[]> = {
  Action: ["action", "explosions", "car chase"],
  Adventure: ["adventure", "treasure hunt"],
  Animation: ["animation", "pixar", "anime"],
  Children: ["kids", "family"],
  Comedy: ["hilarious", "satire"],
  Crime: ["heist", "gangsters", "mafia"],
  Documentary: ["documentary", "interviews"],
  Drama: ["drama", "tearjerker", "character study"],
  Fantasy: ["magic", "fairy tale"],
  "Film-Noir": ["noir", "femme fatale"],
  Horror: ["scary", "gore", "zombies"],
  IMAX: ["imax", "3d"],
  Musical: ["musical", "singing"],
  Mystery: ["mystery", "whodunit"],
  Romance: ["romance", "love story"],
  "Sci-Fi": ["sci-fi", "space", "time travel", "aliens"],
  Thriller: ["suspense", "tense"],
  War: ["world war ii", "anti-war"],
  Western: ["western", "cowboys"],
};
const TAGS = [...GENERIC_TAGS, ...GENRES.flatMap((g) => GENRE_TAGS[g])];
const GENRE_TAG_IDS = GENRES.map((g) => GENRE_TAGS[g].map((tag) => TAGS.indexOf(tag)));
const TAG_TEXT = TAGS.map(csvField);
const MEAN_TAG_DELAY_SECONDS = 120;

/** Independent random streams, so that e.g. changing the tag count leaves the ratings untouched. */
const STREAM_MOVIES = 1;
const STREAM_ACTIVITY = 2;
const STREAM_TAG_ACTIVITY = 3;
const STREAM_CALIBRATION = 4;
const STREAM_USER = 5;
const STREAM_LINKS = 6;

const FLUSH_CHARS = 1 << 20;
const PROGRESS_STEPS = 500;

export async function generateDataset(options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const { users, movies, ratings, seed, outDir, onProgress } = options;
  const tags = options.tags ?? Math.round(ratings / DEFAULT_RATINGS_PER_TAG);
  checkOptions(users, movies, ratings, tags, seed, outDir);

  const catalogue = buildCatalogue(movies, seed);
  const ratingCounts = ratingsPerUser(users, movies, ratings, seed);
  const tagCounts = tagsPerUser(ratingCounts, tags, seed);
  const cutPoints = calibrateCutPoints(catalogue, ratingCounts, seed);

  await mkdir(outDir, { recursive: true });
  const writers: CsvWriter[] = [];
  const open = (name: string, header: string): CsvWriter => {
    const writer = new CsvWriter(join(outDir, name), header);
    writers.push(writer);
    return writer;
  };
  try {
    await writeMovies(catalogue, open("movies.csv", "movieId,title,genres"));
    await writeLinks(catalogue, seed, open("links.csv", "movieId,imdbId,tmdbId"));
    const ratingsOut = open("ratings.csv", "userId,movieId,rating,timestamp");
    const tagsOut = open("tags.csv", "userId,movieId,tag,timestamp");
    await writeUsers(catalogue, ratingCounts, tagCounts, cutPoints, seed, ratingsOut, tagsOut, onProgress);
    let bytes = 0;
    for (const writer of writers) bytes += await writer.close();
    let activeUsers = 0;
    for (const count of ratingCounts) if (count > 0) activeUsers++;
    return { users: activeUsers, movies, ratings, tags, bytes, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    for (const writer of writers) writer.destroy();
    throw error;
  }
}

function checkOptions(users: number, movies: number, ratings: number, tags: number, seed: number, outDir: string): void {
  const counts: [string, number, number][] = [
    ["users", users, 1],
    ["movies", movies, 1],
    ["ratings", ratings, 0],
    ["tags", tags, 0],
  ];
  for (const [name, value, min] of counts) {
    if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
  // Seven-digit IMDb ids must stay unique.
  if (movies > 5_000_000) throw new RangeError(`movies must be at most 5000000, got ${movies}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (ratings > users * movies) {
    throw new RangeError(`${ratings} ratings do not fit: ${users} users can rate at most ${users * movies} distinct (user, movie) pairs`);
  }
  if (tags > ratings) throw new RangeError(`tags (${tags}) must not exceed ratings (${ratings}): tags go on rated movies`);
  if (outDir === "") throw new RangeError("outDir must not be empty");
}

interface Catalogue {
  size: number;
  years: Int16Array;
  /** "123," — prebuilt because every rating row repeats it. */
  idField: string[];
  titles: string[];
  /** Listed genres, alphabetical; empty for "(no genres listed)". */
  genres: number[][];
  /** Up to three latent genres per movie (slots i*3 .. i*3+2) with weights summing to 1. */
  latentGenre: Uint8Array;
  latentWeight: Float64Array;
  latentCount: Uint8Array;
  quality: Float64Array;
  popularity: AliasTable;
  byGenre: GenrePool[];
  /** Picks a user's favourite genre in proportion to how many ratings the genre draws. */
  favouriteGenre: AliasTable;
}

interface GenrePool {
  members: Int32Array;
  table: AliasTable | null;
}

function buildCatalogue(size: number, seed: number): Catalogue {
  const rng = new Random(seed, STREAM_MOVIES);
  const genreTable = new AliasTable(GENRE_FREQUENCY);
  const genreCountTable = new AliasTable(GENRE_COUNT_SHARE);
  const titleLengthTable = new AliasTable(TITLE_LENGTH_SHARE);

  const years = new Int16Array(size);
  const idField: string[] = new Array(size);
  const titles: string[] = new Array(size);
  const genres: number[][] = new Array(size);
  const latentGenre = new Uint8Array(size * 3);
  const latentWeight = new Float64Array(size * 3);
  const latentCount = new Uint8Array(size);

  // MovieLens ids have gaps (ml-25m: 62k movies, ids up to 209k); loaders must not assume density.
  let id = 0;
  const yearSpan = LAST_YEAR - FIRST_YEAR + 1;
  const oldestTail = 1 - Math.exp(-yearSpan / MEAN_MOVIE_AGE);
  for (let m = 0; m < size; m++) {
    id += 1 + (rng.float() < ID_GAP_CHANCE ? Math.floor(rng.exponential() * ID_GAP_MEAN) : 0);
    idField[m] = `${id},`;
    // Truncated exponential age by inversion: no pile-up at the oldest year.
    const age = Math.min(yearSpan - 1, Math.floor(-MEAN_MOVIE_AGE * Math.log(1 - rng.float() * oldestTail)));
    years[m] = LAST_YEAR - age;
    titles[m] = makeTitle(rng, titleLengthTable, years[m]);

    const listed: number[] = [];
    if (rng.float() >= NO_GENRES_SHARE) {
      const wanted = genreCountTable.sample(rng) + 1;
      while (listed.length < wanted) {
        const g = genreTable.sample(rng);
        if (!listed.includes(g)) listed.push(g);
      }
      listed.sort((a, b) => a - b);
    }
    genres[m] = listed;
    // A movie MovieLens lists without genres still has a genre its audience reacts to.
    const latent = listed.length > 0 ? listed : [genreTable.sample(rng)];
    let total = 0;
    for (let j = 0; j < latent.length; j++) {
      const w = rng.exponential();
      latentGenre[m * 3 + j] = latent[j];
      latentWeight[m * 3 + j] = w;
      total += w;
    }
    for (let j = 0; j < latent.length; j++) latentWeight[m * 3 + j] /= total;
    latentCount[m] = latent.length;
  }

  // Popularity rank is unrelated to id, as in MovieLens, where blockbusters are spread over the id range.
  const rankOf = shuffledRange(size, rng);
  const rankWeight = zipfWeights(size, POPULARITY_EXPONENT, POPULARITY_OFFSET);
  const weight = new Float64Array(size);
  const quality = new Float64Array(size);
  const logSize = Math.log(size + 1);
  for (let m = 0; m < size; m++) {
    weight[m] = rankWeight[rankOf[m]];
    const obscurity = Math.log(rankOf[m] + 1) / logSize;
    quality[m] = QUALITY_SD * rng.normal() + POPULARITY_QUALITY_SPREAD * (0.5 - obscurity);
  }

  const memberCount = new Int32Array(GENRES.length);
  for (let m = 0; m < size; m++) for (let j = 0; j < latentCount[m]; j++) memberCount[latentGenre[m * 3 + j]]++;
  const members = Array.from(memberCount, (n) => new Int32Array(n));
  const filled = new Int32Array(GENRES.length);
  for (let m = 0; m < size; m++) {
    for (let j = 0; j < latentCount[m]; j++) {
      const g = latentGenre[m * 3 + j];
      members[g][filled[g]++] = m;
    }
  }
  const genreMass = new Float64Array(GENRES.length);
  const byGenre = members.map((list, g): GenrePool => {
    if (list.length === 0) return { members: list, table: null };
    const w = Float64Array.from(list, (m) => weight[m]);
    for (const x of w) genreMass[g] += x;
    return { members: list, table: new AliasTable(w) };
  });

  return {
    size,
    years,
    idField,
    titles,
    genres,
    latentGenre,
    latentWeight,
    latentCount,
    quality,
    popularity: new AliasTable(weight),
    byGenre,
    favouriteGenre: new AliasTable(genreMass),
  };
}

function makeTitle(rng: Random, lengthTable: AliasTable, year: number): string {
  const words: string[] = [];
  const length = lengthTable.sample(rng) + 1;
  for (let i = 0; i < length; i++) words.push(TITLE_WORDS[rng.int(TITLE_WORDS.length)]);
  let title = words.join(" ");
  if (rng.float() < ARTICLE_CHANCE) title += `, ${ARTICLES[rng.int(ARTICLES.length)]}`;
  return `${title} (${year})`;
}

function shuffledRange(n: number, rng: Random): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

/**
 * Ratings per user, summing exactly to `ratings`: everyone gets the floor
 * (20, or less when the total cannot afford it) and the rest is shared out in
 * proportion to a log-normal activity, capped at half the catalogue unless the
 * total needs more.
 */
function ratingsPerUser(users: number, movies: number, ratings: number, seed: number): Int32Array {
  const rng = new Random(seed, STREAM_ACTIVITY);
  const floor = Math.min(MIN_RATINGS_PER_USER, Math.floor(ratings / users), movies);
  let cap = Math.max(floor, Math.ceil(movies * MAX_CATALOGUE_SHARE));
  if (users * cap < ratings) cap = movies;
  const activity = new Float64Array(users);
  for (let u = 0; u < users; u++) activity[u] = Math.exp(ACTIVITY_SIGMA * rng.normal());
  const counts = apportion(ratings - users * floor, activity, cap - floor);
  for (let u = 0; u < users; u++) counts[u] += floor;
  return counts;
}

/** Tags per user: a minority of heavy-tailed taggers, at most one tag per rating each. */
function tagsPerUser(ratingCounts: Int32Array, tags: number, seed: number): Int32Array {
  const rng = new Random(seed, STREAM_TAG_ACTIVITY);
  const n = ratingCounts.length;
  const weight = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    const tagger = rng.float() < TAGGER_SHARE;
    const activity = Math.exp(TAG_ACTIVITY_SIGMA * rng.normal());
    // Non-taggers keep a tiny weight so that totals beyond the taggers' capacity still fit.
    weight[u] = ratingCounts[u] === 0 ? 0 : tagger ? activity : activity * 1e-9;
  }
  return apportion(tags, weight, ratingCounts);
}

/**
 * Splits `total` into integers proportional to `weight`, none above its cap
 * (water-filling: capped entries drop out and their excess is re-shared),
 * rounding by largest remainder so the parts sum exactly to `total`.
 * The caller guarantees that the caps can hold the total.
 */
function apportion(total: number, weight: Float64Array, cap: number | Int32Array): Int32Array {
  const n = weight.length;
  const capOf = typeof cap === "number" ? () => cap : (i: number) => cap[i];
  const out = new Int32Array(n);
  const capped = new Uint8Array(n);
  const uncappedMass = (): number => {
    let mass = 0;
    for (let i = 0; i < n; i++) if (!capped[i]) mass += weight[i];
    return mass;
  };
  let remaining = total;
  let mass = uncappedMass();
  for (let cappedAny = true; cappedAny && remaining > 0 && mass > 0; mass = uncappedMass()) {
    cappedAny = false;
    const share = remaining / mass;
    for (let i = 0; i < n; i++) {
      if (!capped[i] && share * weight[i] >= capOf(i)) {
        capped[i] = 1;
        out[i] = capOf(i);
        remaining -= out[i];
        cappedAny = true;
      }
    }
  }
  if (remaining > 0 && mass > 0) {
    const fraction = new Float64Array(n);
    const open: number[] = [];
    for (let i = 0; i < n; i++) {
      if (capped[i]) continue;
      const share = (remaining * weight[i]) / mass;
      out[i] = Math.floor(share);
      fraction[i] = share - out[i];
      open.push(i);
    }
    for (const i of open) remaining -= out[i];
    open.sort((a, b) => fraction[b] - fraction[a] || a - b);
    // One pass suffices in exact arithmetic; the loop absorbs floating-point slack.
    for (let k = 0; remaining > 0; k = (k + 1) % open.length) {
      const i = open[k];
      if (out[i] < capOf(i)) {
        out[i]++;
        remaining--;
      }
    }
  }
  if (remaining !== 0) throw new Error(`internal error: ${remaining} of ${total} could not be apportioned`);
  return out;
}

interface Taste {
  bias: number;
  genre: Float64Array;
  favourites: number[];
}

function drawTaste(rng: Random, catalogue: Catalogue): Taste {
  const genre = new Float64Array(GENRES.length);
  for (let g = 0; g < genre.length; g++) genre[g] = GENRE_TASTE_SD * rng.normal();
  const favourites = [catalogue.favouriteGenre.sample(rng)];
  if (rng.float() < 0.5) {
    const second = catalogue.favouriteGenre.sample(rng);
    if (second !== favourites[0]) favourites.push(second);
  }
  for (const g of favourites) genre[g] += FAVOURITE_GENRE_BOOST;
  if (rng.float() < 0.5) {
    const disliked = rng.int(GENRES.length);
    if (!favourites.includes(disliked)) genre[disliked] -= FAVOURITE_GENRE_BOOST;
  }
  return { bias: USER_BIAS_SD * rng.normal(), genre, favourites };
}

function pickMovie(rng: Random, taste: Taste, catalogue: Catalogue): number {
  if (rng.float() < FAVOURITE_PICK_SHARE) {
    const pool = catalogue.byGenre[taste.favourites[rng.int(taste.favourites.length)]];
    if (pool.table) return pool.members[pool.table.sample(rng)];
  }
  return catalogue.popularity.sample(rng);
}

function latentScore(rng: Random, taste: Taste, catalogue: Catalogue, m: number): number {
  let affinity = 0;
  const base = m * 3;
  for (let j = 0; j < catalogue.latentCount[m]; j++) {
    affinity += catalogue.latentWeight[base + j] * taste.genre[catalogue.latentGenre[base + j]];
  }
  return catalogue.quality[m] + taste.bias + affinity + RATING_NOISE_SD * rng.normal();
}

/**
 * Latent-score thresholds between consecutive half stars, fitted on a sample
 * of the same process so that the written ratings follow ml-25m's marginal
 * distribution whatever the popularity and taste terms add up to. A rating
 * stays a monotone function of the latent score, so no signal is lost.
 *
 * Users are sampled in proportion to their rating counts and then a fixed
 * number of their ratings each, which weighs every rating equally without
 * letting one heavy user (who reaches deep into the obscure tail) swing the fit.
 */
function calibrateCutPoints(catalogue: Catalogue, ratingCounts: Int32Array, seed: number): Float64Array {
  // With no ratings to write there is nothing to fit (and no user to sample).
  if (!ratingCounts.some((count) => count > 0)) return new Float64Array(RATING_SHARE.length - 1);
  const rng = new Random(seed, STREAM_CALIBRATION);
  const byActivity = new AliasTable(ratingCounts);
  const picker = new Picker(catalogue, largest(ratingCounts));
  const scores = new Float64Array(CALIBRATION_USERS * CALIBRATION_SCORES_PER_USER);
  let n = 0;
  for (let stamp = 1; stamp <= CALIBRATION_USERS; stamp++) {
    const count = ratingCounts[byActivity.sample(rng)];
    const taste = drawTaste(rng, catalogue);
    picker.pick(rng, taste, count, stamp);
    for (let i = 0; i < CALIBRATION_SCORES_PER_USER; i++) {
      scores[n++] = latentScore(rng, taste, catalogue, picker.picked[rng.int(count)]);
    }
  }
  scores.sort();
  const cuts = new Float64Array(RATING_SHARE.length - 1);
  let cumulative = 0;
  for (let level = 0; level < cuts.length; level++) {
    cumulative += RATING_SHARE[level];
    cuts[level] = scores[Math.min(n - 1, Math.round(cumulative * n))];
  }
  return cuts;
}

/** Draws a user's distinct movies; its arrays are reused from one user to the next. */
class Picker {
  /** `mark[m] === stamp` means the current user already picked movie m, as pick number `position[m]`. */
  private readonly mark: Int32Array;
  readonly position: Int32Array;
  readonly picked: Int32Array;
  private readonly unrated: Int32Array;

  constructor(
    private readonly catalogue: Catalogue,
    maxCount: number,
  ) {
    this.mark = new Int32Array(catalogue.size);
    this.position = new Int32Array(catalogue.size);
    this.picked = new Int32Array(maxCount);
    this.unrated = new Int32Array(catalogue.size);
  }

  /** Fills `picked[0 .. count)` with distinct movies; `stamp` must differ from every earlier call's. */
  pick(rng: Random, taste: Taste, count: number, stamp: number): void {
    const { mark, position, picked, unrated } = this;
    let n = 0;
    for (let tries = PICKS_PER_RATING * count + 64; n < count && tries > 0; tries--) {
      const m = pickMovie(rng, taste, this.catalogue);
      if (mark[m] !== stamp) {
        mark[m] = stamp;
        position[m] = n;
        picked[n++] = m;
      }
    }
    if (n === count) return;
    // Heavy users exhaust the popular movies; rejection would then spin on rare ones.
    let left = 0;
    for (let m = 0; m < this.catalogue.size; m++) if (mark[m] !== stamp) unrated[left++] = m;
    while (n < count) {
      const j = rng.int(left);
      const m = unrated[j];
      unrated[j] = unrated[--left];
      mark[m] = stamp;
      position[m] = n;
      picked[n++] = m;
    }
  }
}

async function writeMovies(catalogue: Catalogue, out: CsvWriter): Promise<void> {
  for (let m = 0; m < catalogue.size; m++) {
    const genres = catalogue.genres[m].length === 0 ? NO_GENRES : catalogue.genres[m].map((g) => GENRES[g]).join("|");
    await out.write(`${catalogue.idField[m]}${csvField(catalogue.titles[m])},${genres}\n`);
  }
}

/** IMDb ids grow with release year (tt0012349 is 1921, tt7131622 is 2019); a few movies lack a TMDb id, as in MovieLens. */
async function writeLinks(catalogue: Catalogue, seed: number, out: CsvWriter): Promise<void> {
  const rng = new Random(seed, STREAM_LINKS);
  const imdbMax = 9_999_999;
  const tmdbMax = Math.max(600_000, catalogue.size * 10);
  const usedImdb = new Set<number>();
  const usedTmdb = new Set<number>();
  const claim = (used: Set<number>, wanted: number, max: number): number => {
    let id = wanted;
    while (used.has(id)) id = id >= max ? 1 : id + 1;
    used.add(id);
    return id;
  };
  for (let m = 0; m < catalogue.size; m++) {
    const typical = 10_000 * Math.exp(0.0669 * (catalogue.years[m] - FIRST_YEAR));
    const imdb = claim(usedImdb, Math.min(imdbMax, Math.max(1, Math.round(typical * (0.5 + rng.float())))), imdbMax);
    const tmdb = rng.float() < 0.002 ? "" : String(claim(usedTmdb, 2 + rng.int(tmdbMax - 2), tmdbMax));
    await out.write(`${catalogue.idField[m]}${String(imdb).padStart(7, "0")},${tmdb}\n`);
  }
}

async function writeUsers(
  catalogue: Catalogue,
  ratingCounts: Int32Array,
  tagCounts: Int32Array,
  cutPoints: Float64Array,
  seed: number,
  ratingsOut: CsvWriter,
  tagsOut: CsvWriter,
  onProgress: GenerateOptions["onProgress"],
): Promise<void> {
  const maxCount = largest(ratingCounts);
  let total = 0;
  for (const c of ratingCounts) total += c;
  const picker = new Picker(catalogue, maxCount);
  const { picked, position } = picker;
  const byId = new Int32Array(maxCount);
  const time = new Float64Array(maxCount);
  const progressStep = Math.max(1, Math.ceil(total / PROGRESS_STEPS));
  let written = 0;
  let nextProgress = progressStep;

  for (let u = 0; u < ratingCounts.length; u++) {
    const count = ratingCounts[u];
    if (count === 0) continue;
    const rng = new Random(seed, STREAM_USER, u);
    const taste = drawTaste(rng, catalogue);
    picker.pick(rng, taste, count, u + 1);

    // Timestamps rise in pick order, so popular movies tend to be rated first, as on MovieLens sign-up.
    let elapsed = 0;
    for (let i = 0; i < count; i++) {
      time[i] = elapsed;
      elapsed += rng.float() < NEW_SESSION_CHANCE ? SESSION_GAP_SECONDS * rng.exponential() : 1 + IN_SESSION_GAP_SECONDS * rng.exponential();
    }
    const window = END_TIMESTAMP - 1 - FIRST_TIMESTAMP;
    const scale = elapsed > window ? window / elapsed : 1;
    const start = Math.max(FIRST_TIMESTAMP, Math.min(FIRST_TIMESTAMP + rng.float() * window, END_TIMESTAMP - 1 - elapsed * scale));
    for (let i = 0; i < count; i++) time[i] = Math.floor(start + time[i] * scale);

    // Rows are sorted by movieId within a user, as in the MovieLens files.
    byId.set(picked.subarray(0, count));
    byId.subarray(0, count).sort();
    const prefix = `${u + 1},`;
    let rows = "";
    for (let i = 0; i < count; i++) {
      const m = byId[i];
      const score = latentScore(rng, taste, catalogue, m);
      let level = 0;
      while (level < cutPoints.length && score >= cutPoints[level]) level++;
      rows += `${prefix}${catalogue.idField[m]}${RATING_TEXT[level]},${time[position[m]]}\n`;
    }
    await ratingsOut.write(rows);

    if (tagCounts[u] > 0) await tagsOut.write(userTags(rng, catalogue, tagCounts[u], count, picked, time, prefix));

    written += count;
    if (onProgress && written >= nextProgress) {
      onProgress(written, total);
      nextProgress = written + progressStep;
    }
  }
  onProgress?.(written, total);
}

function userTags(
  rng: Random,
  catalogue: Catalogue,
  wanted: number,
  count: number,
  picked: Int32Array,
  time: Float64Array,
  prefix: string,
): string {
  const chosen = new Set<number>();
  const rows: { m: number; tag: number; at: number }[] = [];
  while (rows.length < wanted) {
    const i = rng.int(count);
    const m = picked[i];
    let tag: number;
    if (rng.float() < GENRE_TAG_CHANCE) {
      const options = GENRE_TAG_IDS[catalogue.latentGenre[m * 3 + rng.int(catalogue.latentCount[m])]];
      tag = options[rng.int(options.length)];
    } else {
      tag = rng.int(GENERIC_TAGS.length);
    }
    const key = m * TAGS.length + tag;
    if (chosen.has(key)) continue;
    chosen.add(key);
    const at = Math.min(END_TIMESTAMP - 1, time[i] + 1 + Math.floor(MEAN_TAG_DELAY_SECONDS * rng.exponential()));
    rows.push({ m, tag, at });
  }
  rows.sort((a, b) => a.m - b.m);
  let text = "";
  for (const row of rows) text += `${prefix}${catalogue.idField[row.m]}${TAG_TEXT[row.tag]},${row.at}\n`;
  return text;
}

/** Math.max(...array) overflows the call stack at a few hundred thousand users. */
function largest(values: Int32Array): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max;
}

/** RFC 4180: quote a field that holds a comma, quote or line break, doubling inner quotes. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Batches rows into large writes and waits for "drain" when the stream's buffer is full. */
class CsvWriter {
  private readonly stream: WriteStream;
  private pending: string[] = [];
  private pendingChars = 0;

  constructor(path: string, header: string) {
    this.stream = createWriteStream(path);
    // Errors surface through `once`/`finished` below; this listener only keeps them from crashing the process meanwhile.
    this.stream.on("error", () => {});
    this.pending.push(`${header}\n`);
    this.pendingChars = header.length + 1;
  }

  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= FLUSH_CHARS) await this.flush();
  }

  /** Ends the file and returns its size in bytes. */
  async close(): Promise<number> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    return this.stream.bytesWritten;
  }

  destroy(): void {
    this.stream.destroy();
  }

  private async flush(): Promise<void> {
    if (this.pendingChars === 0) return;
    if (this.stream.errored) throw this.stream.errored;
    const text = this.pending.join("");
    this.pending = [];
    this.pendingChars = 0;
    if (!this.stream.write(text)) await once(this.stream, "drain");
  }
}
