CREATE INDEX genome_tag_name IF NOT EXISTS FOR (t:GenomeTag) ON (t.name)
