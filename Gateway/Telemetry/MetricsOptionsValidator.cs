using Microsoft.Extensions.Options;

namespace Gateway.Telemetry;

/// <summary>
/// Reports what <see cref="MetricsListener.Read"/> found before the host was built: by now the listener's own URL is
/// among Kestrel's, so checking again would find it clashing with itself.
/// </summary>
internal sealed class MetricsOptionsValidator(string? problem) : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options) =>
        problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
}
