import Foundation
import MikaFuzzTargets

// Built two ways:
// - with `-sanitize=fuzzer,address -DMIKA_FUZZING` (scripts/fuzz.sh): main hands over to libFuzzer, which calls
//   `fuzzOneInput` with inputs it mutates; MIKA_FUZZ_TARGET names the target (front-matter, markdown, reuse);
// - plainly: `mika-fuzz TARGET FILE…` replays files through a target (to reproduce a crash).

private let selectedTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["MIKA_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("set MIKA_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
        exit(2)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    selectedTarget.run(Data(bytes: bytes, count: count))
    return 0
}

#if MIKA_FUZZING
/// libFuzzer's entry point for programs with their own `main` (SwiftPM links executables with one).
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt
#endif

@main
enum FuzzMain {
    static func main() throws {
        #if MIKA_FUZZING
        _ = selectedTarget
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv, { fuzzOneInput($0, $1) }))
        #else
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            print("usage: mika-fuzz front-matter|markdown|reuse FILE…")
            exit(2)
        }
        for path in arguments.dropFirst() {
            target.run(try Data(contentsOf: URL(fileURLWithPath: path)))
            print("ok \(path)")
        }
        #endif
    }
}
