using Gateway.RequestPath.Checks;

namespace Gateway.Tests.RequestPath.Checks;

public sealed class AmbiguousPathRejectionTests
{
    [Theory]
    [InlineData("/public/..%2Fsecret")]
    [InlineData("/public/..%2fsecret")]
    [InlineData("/public/..%5Csecret")]
    [InlineData("/public/..\\secret")]
    [InlineData("/public/..;/secret")]
    [InlineData("/public/.;x/secret")]
    [InlineData("/public/%2E%2E%2Fsecret")]
    [InlineData("/public/..%252Fsecret")]
    [InlineData("/public/%2e%2e/secret")]
    [InlineData("/public/%252e%252e/secret")]
    public void IsAmbiguous_HiddenDotSegment_IsTrue(string path) =>
        Assert.True(AmbiguousPathRejection.IsAmbiguous(path));

    [Theory]
    [InlineData("/")]
    [InlineData("")]
    [InlineData("/public/x")]
    [InlineData("/files/a%2Fb")]
    [InlineData("/v1.2/archive..tar")]
    [InlineData("/public/...")]
    [InlineData("/matrix;a=1/b")]
    public void IsAmbiguous_OrdinaryPath_IsFalse(string path) =>
        Assert.False(AmbiguousPathRejection.IsAmbiguous(path));
}
