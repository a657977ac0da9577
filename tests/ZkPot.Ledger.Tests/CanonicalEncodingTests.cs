using ZkPot.Ledger.Canonical;

namespace ZkPot.Ledger.Tests;

public sealed class CanonicalEncodingTests
{
    [Fact]
    public void Integers_are_fixed_width_little_endian_and_byte_strings_length_prefixed()
    {
        byte[] bytes = new CanonicalWriter().U8(0xAB).U16(0x0102).U32(0x03040506).U64(0x0708090A0B0C0D0E).I32(-1).Bytes([0xEE, 0xFF]).ToArray();
        Assert.Equal(Convert.FromHexString("AB" + "0201" + "06050403" + "0E0D0C0B0A090807" + "FFFFFFFF" + "02000000EEFF"), bytes);
    }

    [Fact]
    public void Reader_reads_back_what_the_writer_wrote()
    {
        byte[] bytes = new CanonicalWriter().U8(7).U32(42).Height(123456789012).Bytes([1, 2, 3]).I32(-5).ToArray();
        var r = new CanonicalReader(bytes, "test");
        Assert.Equal(7, r.U8("a"));
        Assert.Equal(42u, r.U32("b"));
        Assert.Equal(123456789012, r.Height("c"));
        Assert.Equal([1, 2, 3], r.Bytes("d", 10).ToArray());
        Assert.Equal(-5, r.I32("e"));
        r.End();
    }

    [Fact]
    public void Reader_names_the_structure_field_and_offset_of_a_truncation()
    {
        byte[] bytes = new CanonicalWriter().U32(1).ToArray();
        var e = Assert.Throws<InvalidDataException>(() =>
        {
            var r = new CanonicalReader(bytes, "widget");
            r.U32("first");
            r.U64("second");
        });
        Assert.Contains("widget", e.Message);
        Assert.Contains("'second'", e.Message);
        Assert.Contains("offset 4", e.Message);
    }

    [Fact]
    public void Reader_refuses_trailing_bytes_and_oversized_strings()
    {
        byte[] trailing = new CanonicalWriter().U32(1).U8(0).ToArray();
        Assert.Throws<InvalidDataException>(() =>
        {
            var r = new CanonicalReader(trailing, "t");
            r.U32("x");
            r.End();
        });
        byte[] big = new CanonicalWriter().Bytes(new byte[20]).ToArray();
        var e = Assert.Throws<InvalidDataException>(() => new CanonicalReader(big, "t").Bytes("blob", 16).ToArray());
        Assert.Contains("exceeds the limit 16", e.Message);
    }

    [Fact]
    public void Domain_prefix_is_length_and_ascii_tag_before_the_payload()
    {
        Assert.Equal(Convert.FromHexString("0300" + "616263" + "FF"), DomainTag.Prefix("abc", [0xFF]));
    }
}
