using System.Text;
using ZkPot.Snark.Setup;

namespace ZkPot.Snark.Tests.Setup;

public class Blake2bTests
{
    // RFC 7693 appendix A ("abc"), the empty message, and 1000 bytes i mod 251 (Python's hashlib.blake2b).
    [Theory]
    [InlineData("abc", "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923")]
    [InlineData("", "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce")]
    public void Digest_matches_published_vectors(string message, string expected) =>
        Assert.Equal(expected, Convert.ToHexStringLower(Blake2b.Hash(Encoding.ASCII.GetBytes(message))));

    static byte[] Counting(int length) => Enumerable.Range(0, length).Select(i => (byte)(i % 251)).ToArray();

    [Fact]
    public void Digest_of_a_multi_block_message_matches_hashlib() =>
        Assert.Equal("c11e1c0340bd7e5a1b275f1230c962fad215ecb1391486e74e31b960a2f2996381a5fad092da06841d5f26e38f6ecfeaf441acbcd1c2de61aef121e7927175f5",
            Convert.ToHexStringLower(Blake2b.Hash(Counting(1000))));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(256)]
    [InlineData(999)]
    public void Appending_in_pieces_gives_the_one_shot_digest(int split)
    {
        var message = Counting(1000);
        var hasher = new Blake2b();
        hasher.Append(message.AsSpan(0, split));
        hasher.Append(message.AsSpan(split));
        Assert.Equal(Blake2b.Hash(message), hasher.Finish());
    }

    [Fact]
    public void A_finished_hash_refuses_more_input()
    {
        var hasher = new Blake2b();
        hasher.Finish();
        Assert.Throws<InvalidOperationException>(() => hasher.Append([1]));
        Assert.Throws<InvalidOperationException>(() => hasher.Finish());
    }
}
