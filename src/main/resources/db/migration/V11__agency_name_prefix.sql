-- Agency search by one or two letters ("Bộ", "Vụ") matches the beginning of a name (AgencyQueries.search); these
-- prefix indexes serve it, as the trigram indexes of V10 cannot match fewer than three characters.
CREATE INDEX agency_name_prefix_idx ON agency (lower(name_vi) text_pattern_ops);
CREATE INDEX agency_name_en_prefix_idx ON agency (lower(name_en) text_pattern_ops);
