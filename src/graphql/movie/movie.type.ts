import { Field, ID, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "A movie from the MovieLens catalogue" })
export class Movie {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "Title without the year suffix MovieLens appends" })
  title!: string;

  @Field(() => Int, { nullable: true, description: "Release year, when the title carried one" })
  year!: number | null;

  @Field(() => [String])
  genres!: string[];

  imdbId!: string | null;
  tmdbId!: number | null;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType()
export class MovieEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Movie)
  node!: Movie;
}

@ObjectType()
export class MovieConnection {
  @Field(() => [MovieEdge])
  edges!: MovieEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}
