using Microsoft.Extensions.Localization;
using Schakel.Features.Sharing;

namespace Schakel.Features.Web;

/// <summary>The text of a sharing rule problem in the UI language: resource <c>Rule.CODE</c> of the shared resources, with the subject filled in.</summary>
public static class RuleText
{
    /// <summary>The localised text, or the problem's English message when the resources have no text for its code.</summary>
    public static string Rule(this IStringLocalizer<SharedResource> s, SharingProblem problem)
    {
        var text = s["Rule." + problem.Code, problem.Subject ?? ""];
        return text.ResourceNotFound ? problem.Message : text.Value;
    }
}
