import Foundation
import MikaContent
import MikaTestSupport
import XCTest

final class ImageSizeTests: XCTestCase {
    func testSizesOfPNGGIFJPEGAndSVG() {
        XCTAssertEqual(ImageSize.of(FixtureTree.png(width: 40, height: 30)), PixelSize(width: 40, height: 30))
        // GIF89a, 1 × 1 (the beacon's GIF), and a logical screen of 300 × 2.
        XCTAssertEqual(ImageSize.of(Data([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x2C, 0x01, 0x02, 0x00, 0x80, 0x00])),
                       PixelSize(width: 300, height: 2))
        // JPEG: SOI, an APP0 segment, then SOF0 with height 480 and width 640.
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80,
                             0x03, 0x01, 0x22, 0x00]
        XCTAssertEqual(ImageSize.of(Data(jpeg)), PixelSize(width: 640, height: 480))
        XCTAssertEqual(ImageSize.of(Data("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 120 80\"></svg>".utf8)),
                       PixelSize(width: 120, height: 80))
        XCTAssertEqual(ImageSize.of(Data("<svg width='50px' height='20px'></svg>".utf8)), PixelSize(width: 50, height: 20))
        XCTAssertNil(ImageSize.of(Data("kein Bild".utf8)))
        XCTAssertNil(ImageSize.of(Data([0xFF, 0xD8, 0xFF])))
        XCTAssertNil(ImageSize.of(Data()))
    }
}
