//! Standard output for the command line. A reader that goes away (`leads … | head`) ends the
//! command quietly with status 0, as a Unix filter does, instead of a panic in `println!`.

use std::io::{ErrorKind, Write};

/// Writes formatted text to standard output; on a closed pipe the process ends with status 0,
/// on any other write error with status 74 (EX_IOERR).
pub fn write(args: std::fmt::Arguments<'_>) {
    let mut stdout = std::io::stdout().lock();
    let written = stdout.write_fmt(args).and_then(|()| stdout.flush());
    if let Err(error) = written {
        if error.kind() == ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("cannot write to standard output: {error}");
        std::process::exit(74);
    }
}

/// `println!` that ends the command quietly when standard output is a closed pipe.
#[macro_export]
macro_rules! say {
    () => {
        $crate::output::write(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::output::write(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `print!` that ends the command quietly when standard output is a closed pipe.
#[macro_export]
macro_rules! say_raw {
    ($($arg:tt)*) => {
        $crate::output::write(format_args!($($arg)*))
    };
}
