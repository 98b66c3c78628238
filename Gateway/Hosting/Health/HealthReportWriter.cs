using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Hosting.Health;

/// <summary>The /readyz body: the overall status and, per check, its status, a sentence saying why, and its numbers.</summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new
                {
                    status = entry.Value.Status.ToString(),
                    description = entry.Value.Description,
                    data = entry.Value.Data,
                }),
        });
}
