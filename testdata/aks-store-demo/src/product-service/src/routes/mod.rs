mod ai;
mod health;
mod products;

pub use ai::*;
pub use health::*;
pub use products::*;
