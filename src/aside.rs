//! Freeing what a build is done with on a thread of its own: what it carried for the items of
//! a large site takes long to free, and nothing needs to wait for that.

/// Drops `value` on a thread of its own. A process that ends first leaves the memory to the
/// system.
pub fn drop_aside<T: Send + 'static>(value: T) {
    // Should no thread start, the closure, and `value` with it, is dropped here.
    let _ = std::thread::Builder::new()
        .name("bulletin-drop".into())
        .spawn(move || drop(value));
}
