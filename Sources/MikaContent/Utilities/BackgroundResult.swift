import Foundation

/// A value computed on another thread, waited for when first read.
public final class BackgroundResult<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Value?
    private var waited = false

    public init(_ make: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.result = make()
            self.done.signal()
        }
    }

    /// Blocks until the value is there; call from one thread.
    public var value: Value {
        if !waited {
            done.wait()
            waited = true
        }
        return result!
    }
}
