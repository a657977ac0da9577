namespace ZkPot.Learning.Tests;

public class IdxReaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_reads_header_and_pixels_from_plain_or_gzip_file(bool compressed)
    {
        using var dir = new TempDirectory();
        byte[] raw = IdxTestFiles.Images(3, 28, 28);
        string path = dir.Write("images", compressed ? IdxTestFiles.Gzip(raw) : raw);

        IdxImages images = IdxReader.ReadImages(path);

        Assert.Equal(3, images.Count);
        Assert.Equal(28, images.Rows);
        Assert.Equal(28, images.Columns);
        Assert.Equal(3 * 784, images.Pixels.Length);
        for (int n = 0; n < images.Pixels.Length; n++)
        {
            Assert.Equal(IdxTestFiles.PixelAt(n), images.Pixels[n]);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadLabels_reads_every_label(bool compressed)
    {
        using var dir = new TempDirectory();
        byte[] labels = [3, 1, 4, 1, 5, 9, 2, 6];
        byte[] raw = IdxTestFiles.Labels(labels);
        string path = dir.Write("labels", compressed ? IdxTestFiles.Gzip(raw) : raw);

        Assert.Equal(labels, IdxReader.ReadLabels(path));
    }

    [Fact]
    public void ReadImages_rejects_bad_magic_and_names_the_file()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("bad-magic", IdxTestFiles.Images(2, 28, 28, magic: 0x00000802));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("bad magic 0x00000802", e.Message);
    }

    [Fact]
    public void ReadLabels_rejects_an_image_file()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("images-as-labels", IdxTestFiles.Images(2, 28, 28));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Contains("bad magic 0x00000803", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_rejects_truncated_pixel_data(bool compressed)
    {
        using var dir = new TempDirectory();
        byte[] raw = IdxTestFiles.Images(4, 28, 28);
        byte[] cut = raw[..(raw.Length - 100)];
        string path = dir.Write("truncated", compressed ? IdxTestFiles.Gzip(cut) : cut);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains($"only {4 * 784 - 100} bytes follow", e.Message);
    }

    [Fact]
    public void ReadImages_rejects_a_gzip_stream_cut_short()
    {
        using var dir = new TempDirectory();
        byte[] gz = IdxTestFiles.Gzip(IdxTestFiles.Images(4, 28, 28));
        string path = dir.Write("cut.gz", gz[..(gz.Length / 2)]);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void ReadLabels_rejects_a_file_shorter_than_its_header()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("short", [0, 0, 8, 1, 0, 0]);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Contains("truncated", e.Message);
        Assert.Contains("6 bytes", e.Message);
    }

    [Fact]
    public void ReadLabels_rejects_trailing_bytes()
    {
        using var dir = new TempDirectory();
        byte[] raw = [.. IdxTestFiles.Labels([1, 2, 3]), 7];
        string path = dir.Write("trailing", raw);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Contains("trailing", e.Message);
    }

    [Fact]
    public void ReadImages_of_missing_file_throws_file_not_found()
    {
        using var dir = new TempDirectory();
        Assert.Throws<FileNotFoundException>(() => IdxReader.ReadImages(System.IO.Path.Combine(dir.Path, "absent")));
    }
}
