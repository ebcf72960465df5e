//! The module's allocator (wasm only): a block of each size class is a power
//! of two bytes, freed blocks wait on their class's list for the next request
//! of that class, and new ones are cut from memory the module grows. A call
//! makes a few dozen small allocations (the issues it writes); here each is a
//! few instructions, where the general-purpose allocator std brings (dlmalloc)
//! spent more time in them than the rules did, and weighed 6 KB of the module.
//!
//! Blocks past 1 MiB (a batch's text) are whole 64 KiB pages instead, kept on
//! one list and reused when one fits, so a large text costs little more than
//! its own size. Nothing is given back to the system: after warm-up, a steady
//! load is served from the lists and memory does not grow. Memory grows by
//! at least an eighth of itself at a time (see [`Heap::cut`]).
//!
//! Single-threaded: the module is built without threads (no atomics).

use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::ptr::null_mut;

const PAGE: usize = 65536;
/// The smallest block: it holds the link of the free list.
const MIN_CLASS: u32 = 3;
/// Classes up to 1 MiB; larger blocks are whole pages (see [`Heap::large`]).
const MAX_CLASS: u32 = 20;

struct Heap {
    /// The first free block of each class (0: none); a free block holds the next.
    free: [usize; MAX_CLASS as usize + 1],
    /// Free large blocks: each holds the next and its own size.
    large: usize,
    /// Where uncut memory starts, and ends.
    next: usize,
    end: usize,
}

/// The allocator (see the module's documentation).
pub struct Allocator(UnsafeCell<Heap>);

// SAFETY: the wasm32-unknown-unknown module runs on one thread.
unsafe impl Sync for Allocator {}

#[global_allocator]
static ALLOCATOR: Allocator = Allocator(UnsafeCell::new(Heap {
    free: [0; MAX_CLASS as usize + 1],
    large: 0,
    next: 0,
    end: 0,
}));

/// What a request takes: a class of small blocks, or a number of bytes in pages.
#[derive(PartialEq, Eq)]
enum Size {
    Class(u32),
    Large(usize),
}

fn size_of(layout: Layout) -> Option<Size> {
    let size = layout.size().max(layout.align()).max(1 << MIN_CLASS);
    if layout.align() > PAGE {
        return None;
    }
    let class = size.checked_next_power_of_two()?.trailing_zeros();
    if class <= MAX_CLASS {
        Some(Size::Class(class))
    } else {
        Some(Size::Large(size.checked_add(PAGE - 1)? & !(PAGE - 1)))
    }
}

impl Heap {
    /// `size` bytes aligned to `align` (at most a page) from uncut memory,
    /// growing memory when it runs out.
    fn cut(&mut self, size: usize, align: usize) -> *mut u8 {
        let mut start = (self.next + align - 1) & !(align - 1);
        if self.next == 0 || start.checked_add(size).is_none_or(|end| end > self.end) {
            let Some(pages) = size.checked_add(align).map(|n| n.div_ceil(PAGE)) else {
                return null_mut();
            };
            // Memory grows by at least an eighth of itself: each growth costs
            // the engine's bookkeeping (V8 may collect its whole heap for it),
            // so a call that holds many small blocks must not grow a page at
            // a time. When that much is refused, just what is needed.
            let more = pages.max(core::arch::wasm32::memory_size(0) / 8);
            let mut before = core::arch::wasm32::memory_grow(0, more);
            let pages = if before == usize::MAX {
                before = core::arch::wasm32::memory_grow(0, pages);
                pages
            } else {
                more
            };
            if before == usize::MAX {
                return null_mut();
            }
            let base = before * PAGE;
            // Memory grown by someone else leaves a gap: start after it.
            if base != self.end {
                self.next = base;
            }
            self.end = base + pages * PAGE;
            start = (self.next + align - 1) & !(align - 1);
        }
        self.next = start + size;
        start as *mut u8
    }

    /// A block of `size`, and whether it is fresh memory (zeroed by the
    /// engine, never used before) rather than a block given back.
    fn alloc(&mut self, size: Size) -> (*mut u8, bool) {
        match size {
            Size::Class(class) => {
                let head = self.free[class as usize];
                if head != 0 {
                    // SAFETY: a free block of this class holds the next one.
                    self.free[class as usize] = unsafe { *(head as *const usize) };
                    return (head as *mut u8, false);
                }
                let bytes = 1usize << class;
                (self.cut(bytes, bytes.min(PAGE)), true)
            }
            Size::Large(bytes) => {
                // The first free block that fits without wasting a quarter of itself.
                let mut link: *mut usize = &mut self.large;
                // SAFETY: each free large block holds [next, size].
                unsafe {
                    while *link != 0 {
                        let block = *link as *mut usize;
                        let have = *block.add(1);
                        if have >= bytes && have - bytes <= have / 4 {
                            *link = *block;
                            return (block as *mut u8, false);
                        }
                        link = block;
                    }
                }
                (self.cut(bytes, PAGE), true)
            }
        }
    }

    /// # Safety
    /// `ptr` was given by [`Heap::alloc`] for `size`, and is not used again.
    unsafe fn free(&mut self, ptr: *mut u8, size: Size) {
        let block = ptr as *mut usize;
        match size {
            Size::Class(class) => unsafe {
                *block = self.free[class as usize];
                self.free[class as usize] = block as usize;
            },
            Size::Large(bytes) => unsafe {
                *block = self.large;
                *block.add(1) = bytes;
                self.large = block as usize;
            },
        }
    }
}

unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match size_of(layout) {
            // SAFETY: one thread, and no call of ours re-enters the allocator.
            Some(size) => unsafe { (*self.0.get()).alloc(size).0 },
            None => null_mut(),
        }
    }

    /// Fresh memory is zero already: only a block given back is cleared (a
    /// batch's text area of tens of megabytes is not written twice).
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let Some(size) = size_of(layout) else {
            return null_mut();
        };
        // SAFETY: as in `alloc`.
        let (ptr, fresh) = unsafe { (*self.0.get()).alloc(size) };
        if !ptr.is_null() && !fresh {
            // SAFETY: the block holds at least `layout.size()` bytes.
            unsafe { std::ptr::write_bytes(ptr, 0, layout.size()) };
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if let Some(size) = size_of(layout) {
            // SAFETY: `ptr` came from `alloc` with this layout (GlobalAlloc's contract).
            unsafe { (*self.0.get()).free(ptr, size) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: GlobalAlloc's contract: the new size with the old alignment is a valid layout.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        let (Some(old), Some(new)) = (size_of(layout), size_of(new_layout)) else {
            return null_mut();
        };
        // The same class: the block already has room (a large block only when it is the same size).
        if old == new {
            return ptr;
        }
        // SAFETY: as in `alloc`; the blocks do not overlap; `ptr` is freed once.
        unsafe {
            let heap = &mut *self.0.get();
            let (moved, _) = heap.alloc(new);
            if !moved.is_null() {
                std::ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
                heap.free(ptr, old);
            }
            moved
        }
    }
}
