fn main() -> std::process::ExitCode {
    afterglow::cli::main()
}
