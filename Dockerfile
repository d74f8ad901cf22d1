# The GraphQL API, for use with a Neo4j elsewhere (see docker-compose.yml).
# NEO4J_URI must be set: without it the app would try to run its own Neo4j,
# which needs Java and Maven that this image deliberately leaves out.

# --- build: compile TypeScript and bundle the web app with the dev dependencies ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the "prepare" script runs the build, and the sources are not copied yet.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY web ./web
# Compiles the server and bundles the web app (Apollo Client) into dist/webapp, served at /.
RUN npm run build

# --- deps: production dependencies only, installed apart so they cache independently of the sources ---
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# No production dependency needs an install script to work (the only one is a version notice), and
# "prepare" would try to build without TypeScript.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

# --- runtime ---
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
# package.json marks dist/ as ES modules; cypher/ holds the queries read at start-up;
# schema/operations the examples the GraphQL IDE opens with; the demo data set is what `start`
# loads into an empty graph.
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY cypher ./cypher
COPY schema/operations ./schema/operations
COPY data/ml-latest-small ./data/ml-latest-small
# The files stay owned by root, so the app cannot modify its own code.
USER node
EXPOSE 4000
# Ready means Neo4j answers and a data set is fully loaded; the first start loads the demo data first.
HEALTHCHECK --interval=15s --timeout=5s --start-period=180s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health/ready`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/cli/index.js", "start"]
