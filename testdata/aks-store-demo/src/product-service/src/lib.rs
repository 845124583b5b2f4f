pub mod app;
pub mod config;
pub mod models;
pub mod routes;
