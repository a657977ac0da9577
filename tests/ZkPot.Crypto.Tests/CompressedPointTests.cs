namespace ZkPot.Crypto.Tests;

public class CompressedPointTests
{
    [Fact]
    public void Points_round_trip_through_32_and_64_bytes()
    {
        var rng = new Random(21);
        for (int i = 0; i < 20; i++)
        {
            var p = G1.Generator.ToJacobian().Multiply(Fr.Random(rng)).ToAffine();
            var q = G2.Generator.ToJacobian().Multiply(Fr.Random(rng)).ToAffine();
            var b1 = new byte[32]; CompressedPoint.WriteG1(b1, p);
            var b2 = new byte[64]; CompressedPoint.WriteG2(b2, q);
            Assert.Equal(p, CompressedPoint.ReadG1(b1));
            Assert.Equal(q, CompressedPoint.ReadG2(b2));
            Assert.Equal(p.Negate(), CompressedPoint.ReadG1(Flip(b1)));
            Assert.Equal(q.Negate(), CompressedPoint.ReadG2(Flip(b2)));
        }
        var inf = new byte[32]; CompressedPoint.WriteG1(inf, G1Affine.Infinity);
        Assert.True(CompressedPoint.ReadG1(inf).IsInfinity);
    }

    [Fact]
    public void Bad_encodings_are_refused()
    {
        var b = new byte[32]; CompressedPoint.WriteG1(b, G1.Generator);
        var inf = new byte[32]; inf[0] = 0x80; inf[31] = 1;
        Assert.Throws<FormatException>(() => CompressedPoint.ReadG1(inf));
        var big = Enumerable.Repeat((byte)0xFF, 32).ToArray(); big[0] = 0x3F;
        Assert.Throws<FormatException>(() => CompressedPoint.ReadG1(big));
        // x = 0 gives y^2 = 3, not a square mod p: off the curve.
        Assert.Throws<InvalidDataException>(() => CompressedPoint.ReadG1(new byte[32]));
        Assert.Throws<FormatException>(() => CompressedPoint.ReadG1(b.AsSpan(0, 31)));
    }

    static byte[] Flip(byte[] b) { var c = (byte[])b.Clone(); c[0] ^= 0x40; return c; }
}
