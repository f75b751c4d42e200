import CMikaZlib
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A problem with one input file that does not stop the report (a truncated gzip file, an unreadable file).
public struct InputProblem: Sendable, Codable, Equatable {
    public var file: String
    public var message: String
}

/// Reads access logs (plain or gzip, several files in any order) into one `Aggregate`: plain files in parallel parts,
/// gzip files inflated on one thread while another reads the lines.
final class LogReader {
    let model: SiteModel
    let options: AnalyticsOptions
    let threads: Int
    var problems: [InputProblem] = []
    /// Malformed lines as `file:line`, the first few.
    var malformedLines: [String] = []
    let progress: Progress?

    /// Plain files smaller than this are read by one thread (tests make it small to exercise the merging of parts).
    nonisolated(unsafe) static var minimumPartSize = 1 << 20

    init(model: SiteModel, options: AnalyticsOptions, threads: Int, progress: Progress?) {
        self.model = model
        self.options = options
        self.threads = max(1, threads)
        self.progress = progress
    }

    /// A file of the input: its path, whether it is gzip, its size and its first time (to order rotated sets).
    struct Input {
        var path: String
        var gzip: Bool
        var size: Int
        /// A regular file (not a pipe or device), which can be read in parts.
        var isRegular: Bool
        var firstTime: Int64
    }

    /// One part of the work: a byte range of a plain file, or a whole gzip file.
    struct Part {
        var input: Int
        var range: Range<Int>?
        var firstLine: Int = 1
    }

    func read(_ paths: [String], stream: ((StreamEvent) -> Void)? = nil) -> Aggregate {
        var inputs: [Input] = []
        for path in paths {
            guard let input = open(path) else { continue }
            inputs.append(input)
        }
        // Rotated sets (access.log, access.log.1, access.log.2.gz …) are read oldest first, whatever their order here.
        inputs.sort { ($0.firstTime, $0.path) < ($1.firstTime, $1.path) }
        progress?.total = inputs.reduce(0) { $0 + $1.size }

        var parts: [Part] = []
        for (index, input) in inputs.enumerated() {
            guard !input.gzip, input.isRegular, input.size > 0 else {
                parts.append(Part(input: index, range: nil))
                continue
            }
            // Parts end at a newline, so that each holds whole lines.
            let pieces = stream != nil ? 1 : max(1, min(threads, input.size / Self.minimumPartSize))
            var start = 0
            for piece in 1...pieces {
                let end = piece == pieces ? input.size : Self.nextLineStart(path: input.path, after: input.size * piece / pieces,
                                                                            size: input.size)
                if end > start { parts.append(Part(input: index, range: start..<end)) }
                start = max(start, end)
            }
        }
        var results = [Aggregate?](repeating: nil, count: parts.count)
        var partProblems = [[InputProblem]](repeating: [], count: parts.count)
        var lineCounts = [Int](repeating: 0, count: parts.count)
        let lock = NSLock()
        let work: (Int) -> Void = { index in
            let part = parts[index]
            let input = inputs[part.input]
            let continuation = index > 0
            let aggregate = Aggregate(model: self.model, options: self.options, continuation: continuation)
            aggregate.stream = stream
            var problem: String?
            var lines = 0
            if let range = part.range {
                (lines, problem) = self.readRange(input.path, range, into: aggregate)
            } else if input.gzip {
                (lines, problem) = self.readGzip(input.path, into: aggregate, pipelined: parts.count == 1 && self.threads > 1)
            } else {
                (lines, problem) = self.readStreaming(input.path, into: aggregate)
            }
            lock.lock()
            results[index] = aggregate
            lineCounts[index] = lines
            if let problem { partProblems[index].append(InputProblem(file: input.path, message: problem)) }
            lock.unlock()
        }
        if threads == 1 || parts.count == 1 || stream != nil {
            for index in parts.indices { work(index) }
        } else {
            let queue = DispatchQueue(label: "mika.analytics", attributes: .concurrent)
            let group = DispatchGroup()
            let slots = DispatchSemaphore(value: threads)
            for index in parts.indices {
                slots.wait()
                queue.async(group: group) {
                    work(index)
                    slots.signal()
                }
            }
            group.wait()
        }
        // Merge in time order; line numbers of malformed lines count from the start of their file.
        let total = Aggregate(model: model, options: options, continuation: false)
        var lineOffset = 0
        for (index, part) in parts.enumerated() {
            if index > 0 && parts[index - 1].input != part.input { lineOffset = 0 }
            guard let result = results[index] else { continue }
            for line in result.malformedLines where malformedLines.count < 20 {
                malformedLines.append("\(inputs[part.input].path):\(lineOffset + line)")
            }
            lineOffset += lineCounts[index]
            total.absorb(result)
            problems += partProblems[index]
        }
        total.finish()
        return total
    }

    /// Feeds every line of `bytes` to the aggregate; returns the number of lines.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, into aggregate: Aggregate, startLine: Int, countsProgress: Bool = true) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var start = 0
        var line = startLine
        let count = bytes.count
        var sinceReport = 0
        while start < count {
            let rest = count - start
            let end: Int
            if let found = memchr(base + start, 0x0A, rest) {
                end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            } else {
                end = count
            }
            var lineEnd = end
            if lineEnd > start && base[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            aggregate.consume(UnsafeBufferPointer(start: base + start, count: lineEnd - start), number: line)
            sinceReport += end + 1 - start
            if sinceReport >= 1 << 22 { if countsProgress { progress?.advance(sinceReport) }; sinceReport = 0 }
            line += 1
            start = end + 1
        }
        if countsProgress { progress?.advance(sinceReport) }
        return line - startLine
    }

    // MARK: Files

    func open(_ path: String) -> Input? {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            problems.append(InputProblem(file: path, message: "cannot open the file"))
            return nil
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 65_536)) ?? Data()
        var info = stat()
        let known = stat(path, &info) == 0
        let isRegular = known && (info.st_mode & S_IFMT) == S_IFREG
        let size = isRegular ? Int(info.st_size) : 0
        let gzip = head.count >= 2 && head[head.startIndex] == 0x1F && head[head.startIndex + 1] == 0x8B
        var sample = head
        if gzip { sample = Self.inflatePrefix(head) }
        return Input(path: path, gzip: gzip, size: size, isRegular: isRegular, firstTime: Self.firstTime(in: sample) ?? .max)
    }

    static func firstTime(in data: Data) -> Int64? {
        var times = LogTimeParser()
        return data.withUnsafeBytes { raw -> Int64? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                guard end < bytes.count else { return nil }  // a cut line
                if let line = LogLine.parse(UnsafeBufferPointer(rebasing: bytes[start..<end]), times: &times) { return line.time }
                start = end + 1
            }
            return nil
        }
    }

    /// The first bytes a gzip file inflates to (enough to find its first time).
    static func inflatePrefix(_ data: Data) -> Data {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return Data() }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: 65_536)
        var input = [UInt8](data)
        let produced: Int = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                _ = inflate(&stream, Z_NO_FLUSH)
                return outBuffer.count - Int(stream.avail_out)
            }
        }
        return Data(output[0..<produced])
    }

    /// The offset after the first newline at or after `offset` (the end of the file if there is none).
    static func nextLineStart(path: String, after offset: Int, size: Int) -> Int {
        let descriptor = Glibc.open(path, O_RDONLY)
        guard descriptor >= 0 else { return size }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var position = max(0, offset - 1)
        while position < size {
            let read = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(position)) }
            guard read > 0 else { return size }
            if let newline = buffer[0..<read].firstIndex(of: 0x0A) { return position + newline + 1 }
            position += read
        }
        return size
    }

    /// Reads the lines in a byte range of a regular file, 8 MiB at a time (memory stays flat, whatever the file's size).
    func readRange(_ path: String, _ range: Range<Int>, into aggregate: Aggregate) -> (Int, String?) {
        let descriptor = Glibc.open(path, O_RDONLY)
        guard descriptor >= 0 else { return (0, "cannot open the file") }
        defer { close(descriptor) }
        _ = posix_fadvise(descriptor, off_t(range.lowerBound), off_t(range.count), POSIX_FADV_SEQUENTIAL)
        let blockSize = 1 << 23
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: blockSize)
        defer { buffer.deallocate() }
        var position = range.lowerBound
        var kept = 0  // bytes of an unfinished line at the start of the buffer
        var lines = 0
        while position < range.upperBound {
            let wanted = min(blockSize - kept, range.upperBound - position)
            let read = pread(descriptor, buffer + kept, wanted, off_t(position))
            if read <= 0 { return (lines, "the file could not be read to its end") }
            position += read
            let filled = kept + read
            var end = filled
            if position < range.upperBound {
                while end > 0 && buffer[end - 1] != 0x0A { end -= 1 }
                if end == 0 { end = filled }  // a line longer than the buffer: read as it is
            }
            lines += scan(UnsafeBufferPointer(start: buffer, count: end), into: aggregate, startLine: lines + 1)
            kept = filled - end
            if kept > 0 { memmove(buffer, buffer + end, kept) }
        }
        if kept > 0 { lines += scan(UnsafeBufferPointer(start: buffer, count: kept), into: aggregate, startLine: lines + 1) }
        return (lines, nil)
    }

    /// A file that is not a regular file (a pipe, `/dev/stdin`): read in blocks.
    func readStreaming(_ path: String, into aggregate: Aggregate) -> (Int, String?) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return (0, "cannot open the file") }
        defer { try? handle.close() }
        var carry = LineCarry()
        var lines = 0
        while let block = try? handle.read(upToCount: 1 << 22), !block.isEmpty {
            lines += carry.feed(block) { self.scan($0, into: aggregate, startLine: lines + 1) }
        }
        lines += carry.finish { self.scan($0, into: aggregate, startLine: lines + 1) }
        return (lines, nil)
    }

    /// Inflates a gzip file (several members, as `cat a.gz b.gz` makes, are read on) and feeds its lines. A truncated
    /// or corrupt file keeps what was read before and is reported.
    func readGzip(_ path: String, into aggregate: Aggregate, pipelined: Bool) -> (Int, String?) {
        guard let file = fopen(path, "rb") else { return (0, "cannot open the file") }
        defer { fclose(file) }
        var lines = 0
        var carry = LineCarry()
        let consume: (Data) -> Void = { block in
            lines += carry.feed(block) { self.scan($0, into: aggregate, startLine: lines + 1, countsProgress: false) }
        }
        var problem: String?
        if pipelined {
            // One thread inflates into blocks, this one reads lines; at most four blocks wait.
            let queue = BlockQueue(capacity: 4)
            let handle = FileBox(file: file)
            let inflater = Thread { [progress] in
                queue.problem = Self.inflateFile(handle.file, progress: progress) { queue.put($0) }
                queue.close()
            }
            inflater.stackSize = 1 << 20
            inflater.start()
            while let block = queue.take() { consume(block) }
            problem = queue.problem
        } else {
            problem = Self.inflateFile(file, progress: progress, consume)
        }
        lines += carry.finish { self.scan($0, into: aggregate, startLine: lines + 1, countsProgress: false) }
        return (lines, problem)
    }

    /// Inflates `file` in 4 MiB blocks; returns a problem, or nil when the file ended cleanly.
    static func inflateFile(_ file: UnsafeMutablePointer<FILE>, progress: Progress?, _ output: (Data) -> Void) -> String? {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return "cannot start zlib"
        }
        defer { inflateEnd(&stream) }
        let inputSize = 1 << 18, outputSize = 1 << 22
        let input = UnsafeMutablePointer<UInt8>.allocate(capacity: inputSize)
        defer { input.deallocate() }
        var finishedMember = true
        while true {
            let read = fread(input, 1, inputSize, file)
            if read == 0 { break }
            progress?.advance(read)
            stream.next_in = input
            stream.avail_in = UInt32(read)
            while stream.avail_in > 0 {
                var block = Data(count: outputSize)
                var produced = 0
                var status: Int32 = Z_OK
                block.withUnsafeMutableBytes { raw in
                    stream.next_out = raw.bindMemory(to: UInt8.self).baseAddress
                    stream.avail_out = UInt32(outputSize)
                    status = inflate(&stream, Z_NO_FLUSH)
                    produced = outputSize - Int(stream.avail_out)
                }
                if produced > 0 { block.count = produced; output(block) }
                switch status {
                case Z_STREAM_END:
                    finishedMember = true
                    inflateReset(&stream)  // another member may follow
                case Z_OK, Z_BUF_ERROR:
                    finishedMember = false
                default:
                    let offset = stream.total_in
                    return "the gzip data is damaged after \(offset) bytes; the lines before were read"
                }
                if status == Z_BUF_ERROR && produced == 0 { break }
            }
        }
        if !finishedMember { return "the gzip file ends early (truncated); the lines before were read" }
        return nil
    }
}

/// Joins blocks into whole lines: the part after the last newline waits for the next block.
struct LineCarry {
    var rest = Data()

    mutating func feed(_ block: Data, _ scan: (UnsafeBufferPointer<UInt8>) -> Int) -> Int {
        guard let lastNewline = block.lastIndex(of: 0x0A) else {
            rest.append(block)
            return 0
        }
        var lines = 0
        if !rest.isEmpty {
            rest.append(block[block.startIndex...lastNewline])
            lines = rest.withUnsafeBytes { scan($0.bindMemory(to: UInt8.self)) }
        } else {
            lines = block.withUnsafeBytes { raw in
                scan(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[0...(lastNewline - block.startIndex)]))
            }
        }
        rest = Data(block[(lastNewline + 1)...])
        return lines
    }

    mutating func finish(_ scan: (UnsafeBufferPointer<UInt8>) -> Int) -> Int {
        guard !rest.isEmpty else { return 0 }
        defer { rest = Data() }
        return rest.withUnsafeBytes { scan($0.bindMemory(to: UInt8.self)) }
    }
}

/// A bounded queue between the inflating thread and the reading one.
final class BlockQueue: @unchecked Sendable {
    private var blocks: [Data] = []
    private var closed = false
    private let condition = NSCondition()
    /// Set by the producer before `close()`.
    var problem: String?
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func put(_ block: Data) {
        condition.lock()
        while blocks.count >= capacity { condition.wait() }
        blocks.append(block)
        condition.broadcast()
        condition.unlock()
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    func take() -> Data? {
        condition.lock()
        defer { condition.unlock() }
        while blocks.isEmpty && !closed { condition.wait() }
        if blocks.isEmpty { return nil }
        let block = blocks.removeFirst()
        condition.broadcast()
        return block
    }
}

struct FileBox: @unchecked Sendable {
    var file: UnsafeMutablePointer<FILE>
}

/// Bytes read so far of all inputs, for a progress bar.
public final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    var total = 0
    private let report: (Int, Int) -> Void

    public init(report: @escaping (Int, Int) -> Void) { self.report = report }

    func advance(_ bytes: Int) {
        lock.lock()
        done += bytes
        let (now, all) = (done, total)
        lock.unlock()
        report(now, all)
    }
}
