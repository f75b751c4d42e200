// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "mika",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mika", targets: ["mika"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // System libraries (Debian: libcmark-gfm-dev, libcmark-gfm-extensions-dev, libxml2-dev).
        .systemLibrary(name: "CCmarkGFM", path: "Sources/CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),

        .systemLibrary(name: "CMikaZlib", path: "Sources/CMikaZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // A faster malloc for the mika binary (Debian: libmimalloc-dev); a build allocates millions of small strings.
        .systemLibrary(name: "CMimalloc", path: "Sources/CMimalloc", providers: [.apt(["libmimalloc-dev"])]),

        .target(name: "CMikaSupport"),
        .target(name: "MikaAnalytics", dependencies: ["CMikaZlib"]),
        .target(name: "MikaLicensing"),
        .target(name: "MikaContent", dependencies: ["MikaLicensing", "MikaMarkdown", "Yams"]),
        .target(name: "MikaMarkdown", dependencies: ["CCmarkGFM"]),
        .target(name: "MikaMetadata", dependencies: ["MikaContent", "MikaLicensing", "MikaMarkdown"]),
        .target(name: "MikaCheck", dependencies: ["MikaContent", "MikaLicensing", "MikaMarkdown", "CLibXML2"]),
        .target(name: "MikaSite", dependencies: [
            "MikaContent", "MikaMarkdown", "MikaLicensing", "MikaMetadata", "MikaCheck", "CMikaSupport",
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .executableTarget(name: "mika", dependencies: [
            "MikaSite", "MikaContent", "MikaMetadata", "MikaCheck", "MikaAnalytics", "CMimalloc",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Fuzzing (scripts/fuzz.sh) and the replay of its corpus in the tests.
        .target(name: "MikaFuzzTargets", dependencies: ["MikaContent", "MikaMarkdown"], path: "Tests/MikaFuzzTargets"),
        .executableTarget(name: "mika-fuzz", dependencies: ["MikaFuzzTargets"], path: "Tests/Fuzz", exclude: ["Corpus", "Crashes"]),

        .target(name: "MikaTestSupport", dependencies: ["MikaContent", "CLibXML2"], path: "Tests/MikaTestSupport"),
        .testTarget(name: "MikaContentTests", dependencies: ["MikaContent", "MikaTestSupport", "MikaFuzzTargets"]),
        .testTarget(name: "MikaMarkdownTests", dependencies: ["MikaMarkdown"]),
        .testTarget(name: "MikaLicensingTests", dependencies: ["MikaLicensing"]),
        .testTarget(name: "MikaCheckTests", dependencies: ["MikaCheck", "MikaContent", "MikaTestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "MikaSiteTests", dependencies: ["MikaSite", "MikaContent", "MikaMetadata", "MikaTestSupport", "CLibXML2",
                                                      .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                    exclude: ["Snapshots", "Fixtures"]),
        .testTarget(name: "MikaCLITests", dependencies: ["MikaTestSupport"]),
        .testTarget(name: "MikaAnalyticsTests", dependencies: ["MikaAnalytics"]),
        .testTarget(name: "MikaMetadataTests", dependencies: ["MikaMetadata", "MikaContent", "MikaTestSupport", "CLibXML2"]),
    ],
    swiftLanguageModes: [.v5]
)
