//! The sign-in pages: the front door, signing in with both factors, choosing one's own
//! password.

pub mod landing;
pub mod password;
pub mod sign_in;
