//! The build's stages, in the order they run. Each is a plain function over the types of
//! `item`, and imports only the stages before it.

pub mod item;

pub mod convert;
pub mod index;
pub mod lint;
pub mod load;
pub mod markdown;
pub mod media;
pub mod print;
pub mod render;
pub mod search;
pub mod write;
