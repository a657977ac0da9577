using System.Security.Cryptography;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;

namespace ZkPot.Ledger.Tests;

public sealed class MerkleTreeTests
{
    // Leaf i is the byte i repeated i+1 times; roots computed with Python's hashlib from the RFC 6962 definition.
    static List<byte[]> Leaves(int n) => Enumerable.Range(0, n).Select(i => Enumerable.Repeat((byte)i, i + 1).ToArray()).ToList();

    [Theory]
    [InlineData(0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData(1, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7")]
    [InlineData(2, "e449187a936d72a12be931fa9e3805c22d852419aff6a60dab9644cc706a052f")]
    [InlineData(3, "bd1a006735cd8a22a057e795ef3eef176b7decaa8cae5f8a30fa7aafe53b23df")]
    [InlineData(5, "18905e86210bad694f6ea49e44eeb076e9f10dfdebca44235e7b10d7a12ef88f")]
    [InlineData(7, "15f290e6a28a2633d48b2b7c86adc7d20596296fdb865166ea8a108e050a30e9")]
    public void Root_matches_independently_computed_vectors(int n, string root) =>
        Assert.Equal(root, MerkleTree.Root(Leaves(n)).ToString());

    [Fact]
    public void Root_equals_the_recursive_rfc6962_definition_for_every_size_up_to_40()
    {
        for (int n = 0; n <= 40; n++) Assert.Equal(Reference(Leaves(n)), MerkleTree.Root(Leaves(n)).ToString());
    }

    [Fact]
    public void Three_leaves_promote_the_odd_last_leaf_unchanged()
    {
        var l = Leaves(3);
        byte[] h01 = Node(Leaf(l[0]), Leaf(l[1]));
        Assert.Equal(Convert.ToHexStringLower(Node(h01, Leaf(l[2]))), MerkleTree.Root(l).ToString());
    }

    [Fact]
    public void A_leaf_cannot_pose_as_an_inner_node()
    {
        var l = Leaves(2);
        byte[] forged = [.. Leaf(l[0]), .. Leaf(l[1])];
        Assert.NotEqual(MerkleTree.Root(l), MerkleTree.Root([forged]));
    }

    [Fact]
    public void Repeating_the_last_leaf_changes_the_root()
    {
        var l = Leaves(3);
        Assert.NotEqual(MerkleTree.Root(l), MerkleTree.Root([.. l, l[2]]));
    }

    static byte[] Leaf(byte[] data) => SHA256.HashData([0x00, .. data]);

    static byte[] Node(byte[] a, byte[] b) => SHA256.HashData([0x01, .. a, .. b]);

    static string Reference(List<byte[]> leaves) => Convert.ToHexStringLower(Mth(leaves));

    static byte[] Mth(List<byte[]> d)
    {
        if (d.Count == 0) return SHA256.HashData([]);
        if (d.Count == 1) return Leaf(d[0]);
        int k = 1;
        while (k * 2 < d.Count) k *= 2;
        return Node(Mth(d[..k]), Mth(d[k..]));
    }
}
