import { GraphQLJSONObject } from "graphql-scalars";
import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { PathKind as PathKindName } from "../../recommend/explain.service.js";
import { Movie } from "../movie/movie.type.js";

export const PathKind = {
  CO_RATED: "CO_RATED",
  SIMILAR_MOVIE: "SIMILAR_MOVIE",
  SHARED_TAGS: "SHARED_TAGS",
  SIMILAR_USER: "SIMILAR_USER",
  SHARED_GENRES: "SHARED_GENRES",
} as const;

registerEnumType(PathKind, {
  name: "PathKind",
  valuesConfig: {
    CO_RATED: { description: "(you)-[:RATED]->(via)<-[:RATED]-(someone)-[:RATED]->(target): people who liked what you liked liked it" },
    SIMILAR_MOVIE: { description: "(you)-[:RATED]->(via)-[:SIMILAR]->(target): an item-kNN neighbour of a movie you rated" },
    SHARED_TAGS: { description: "(you)-[:RATED]->(via)-[:HAS_TAG]->(tag)<-[:HAS_TAG]-(target): strongly shared genome tags" },
    SIMILAR_USER: { description: "(you)-[:SIMILAR_USER]->(them)-[:RATED]->(target): a user like you liked it" },
    SHARED_GENRES: { description: "(you)-[:RATED]->(via)-[:IN_GENRE]->(genre)<-[:IN_GENRE]-(target)" },
  },
});

@ObjectType({ description: "A node of an explanation path, as stored in the graph" })
export class PathNode {
  @Field(() => ID, { description: "Neo4j elementId" })
  id!: string;

  @Field(() => [String])
  labels!: string[];

  @Field(() => GraphQLJSONObject, { description: "id/title/year of movies and users, name of genres and tags" })
  properties!: Record<string, unknown>;
}

@ObjectType({ description: "A relationship of an explanation path, as stored in the graph" })
export class PathRelationship {
  @Field(() => ID, { description: "Neo4j elementId" })
  id!: string;

  @Field(() => String)
  type!: string;

  @Field(() => ID, { description: "elementId of the start node" })
  start!: string;

  @Field(() => ID, { description: "elementId of the end node" })
  end!: string;

  @Field(() => GraphQLJSONObject)
  properties!: Record<string, unknown>;
}

@ObjectType()
export class ExplanationPath {
  @Field(() => PathKind)
  kind!: PathKindName;

  @Field(() => Movie, { nullable: true, description: "The movie you rated that the path goes through" })
  via!: Movie | null | Promise<Movie | null>;

  @Field(() => Float, { nullable: true, description: "Your rating of `via`" })
  viaRating!: number | null;

  @Field(() => Float, { description: "How strongly this path argues for the movie; comparable within a kind" })
  weight!: number;

  @Field(() => Int, { description: "How many users (CO_RATED, SIMILAR_MOVIE, SIMILAR_USER), tags or genres back the path" })
  support!: number;

  @Field(() => [String], { description: "Shared genome tags or genres" })
  shared!: string[];

  @Field(() => [PathNode])
  nodes!: PathNode[];

  @Field(() => [PathRelationship])
  relationships!: PathRelationship[];
}

@ObjectType()
export class Explanation {
  @Field(() => String)
  summary!: string;

  @Field(() => [ExplanationPath])
  paths!: ExplanationPath[];
}
