using Gateway.Storage;

namespace Gateway.Tests.Storage;

public sealed class UserStoreOptionsValidatorTests
{
    private readonly UserStoreOptionsValidator _validator = new();

    [Fact]
    public void Validate_SqliteWithoutConnectionString_Succeeds() =>
        Assert.True(_validator.Validate(null, new UserStoreOptions()).Succeeded);

    [Fact]
    public void Validate_PostgreSqlWithoutConnectionString_FailsNamingTheSettingAndItsVariable()
    {
        var result = _validator.Validate(null, new UserStoreOptions { Store = UserStoreKind.PostgreSql });

        Assert.True(result.Failed);
        Assert.Contains("Gateway:Users:ConnectionString is required", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Gateway__Users__ConnectionString", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db;Pasword=hunter2secret")]
    [InlineData("Host=db;Port=hunter2secret")]
    [InlineData("Database=gateway;Password=hunter2secret")]
    public void Validate_PostgreSqlWithAnUnusableConnectionString_FailsWithoutEchoingIt(string connectionString)
    {
        var result = _validator.Validate(
            null, new UserStoreOptions { Store = UserStoreKind.PostgreSql, ConnectionString = connectionString });

        Assert.True(result.Failed);
        Assert.Contains("Gateway:Users:ConnectionString", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2secret", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PostgreSqlWithAHost_Succeeds() =>
        Assert.True(_validator.Validate(
            null, new UserStoreOptions { Store = UserStoreKind.PostgreSql, ConnectionString = "Host=db;Database=gateway" }).Succeeded);
}
