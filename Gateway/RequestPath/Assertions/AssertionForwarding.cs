using Yarp.ReverseProxy.Transforms;

namespace Gateway.RequestPath.Assertions;

/// <summary>Adds X-Gateway-Assertion for a signed-in user on a route to <paramref name="audience"/>; IdentityForwarding, before it, removed any client copy.</summary>
internal sealed class AssertionForwarding(AssertionIssuer issuer, string audience) : RequestTransform
{
    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        var user = context.HttpContext.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            AddHeader(context, AssertionOptions.HeaderName, issuer.For(user, audience));
        }

        return ValueTask.CompletedTask;
    }
}
