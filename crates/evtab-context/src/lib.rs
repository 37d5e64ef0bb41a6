//! Study context extraction (issue 5): country, city, setting, population,
//! design, methods, period, aim, funding, licence. (Being written.)
