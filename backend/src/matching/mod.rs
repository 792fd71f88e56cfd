//! The matching engine: pairs each published demand with the capabilities, scenario openings and
//! investor mandates that fit it (and back), scored with every factor visible.

pub mod score;
pub mod text;
pub mod index;
