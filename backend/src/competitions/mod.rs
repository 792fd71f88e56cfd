//! Competitions and judging (创新创业赛事): the judge assignment so far.

pub mod assign;
