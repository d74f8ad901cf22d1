CREATE CONSTRAINT model_version IF NOT EXISTS FOR (m:Model) REQUIRE (m.name, m.version) IS UNIQUE
