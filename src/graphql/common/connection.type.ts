import { Field, Int, ObjectType, type ClassType } from "type-graphql";

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/**
 * The fields of a Relay-style edge of `Node`; extend it as a named @ObjectType
 * (MovieEdge…). The class returned here is in no field, so it never appears
 * in the schema itself.
 */
export function EdgeType<T extends object>(Node: ClassType<T>) {
  @ObjectType()
  abstract class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => Node)
    node!: T;
  }
  return Edge;
}

/** The fields of a Relay-style page of `Edge`s; extend it as a named @ObjectType (MovieConnection…). */
export function ConnectionType<E extends object>(Edge: ClassType<E>) {
  @ObjectType()
  abstract class Connection {
    @Field(() => [Edge])
    edges!: E[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }
  return Connection;
}
