//! Bindings never used again are traced with their type and heap block (the value is observed
//! on its way in), and rustc still warns about every one of them, at the same place.
#![deny(warnings)]

struct CustomSmartPointer {
    data: String,
}

impl Drop for CustomSmartPointer {
    fn drop(&mut self) {
        println!("Dropping CustomSmartPointer with data `{}`!", self.data);
    }
}

// #[trace_ownership]
fn main() {
    let s = String::from("hello");
    let c = CustomSmartPointer {
        data: String::from("my stuff"),
    };
    let n: u32 = 5;
    let len = String::from("tmp").as_str().len();
    let v = vec![1, 2, 3];
}
