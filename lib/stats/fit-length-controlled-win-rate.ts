const MAX_ITERATIONS = 100;
const TOLERANCE = 1e-10;
/** Beyond this size a coefficient means the outcomes are (nearly) separated by length, and the fit has no finite maximum. */
const MAX_COEFFICIENT = 50;

/**
 * Fit a logistic regression of the verdict on the response-length difference and return the
 * win rate it predicts at zero difference, after AlpacaEval 2's length-controlled win rate.
 * Each observation has a length difference (candidate minus baseline, in characters), an
 * outcome in [0, 1] (1 a win, 0 a loss, a tie as the caller's convention scores it) and a
 * weight (how many judgments it stands for). The model is
 * logit P(win) = intercept + coefficient * tanh(difference / sd), with sd the weighted standard
 * deviation of the differences, fitted by Newton-Raphson on the weighted log-likelihood.
 * At zero difference the length term vanishes, so the length-controlled win rate is
 * sigmoid(intercept). It is null when the outcomes are separated by length (no finite maximum).
 */
export function fitLengthControlledWinRate({
  lengthDifferences,
  outcomes,
  weights,
}: {
  lengthDifferences: Float64Array;
  outcomes: Float64Array;
  weights: Float64Array;
}): { n: number; winRate: number | null; lengthControlledWinRate: number | null; lengthCoefficient: number | null } {
  let n = 0;
  let outcomeSum = 0;
  let differenceSum = 0;
  for (let index = 0; index < weights.length; index += 1) {
    n += weights[index];
    outcomeSum += weights[index] * outcomes[index];
    differenceSum += weights[index] * lengthDifferences[index];
  }
  if (n === 0) {
    return { n, winRate: null, lengthControlledWinRate: null, lengthCoefficient: null };
  }

  const winRate = outcomeSum / n;
  const meanDifference = differenceSum / n;
  let squaredDeviations = 0;
  for (let index = 0; index < weights.length; index += 1) {
    squaredDeviations += weights[index] * (lengthDifferences[index] - meanDifference) ** 2;
  }
  const scale = Math.sqrt(squaredDeviations / n);

  // All wins or all losses: the intercept has no finite maximum, and the win rate at any length is that extreme.
  if (winRate === 0 || winRate === 1 || scale === 0) {
    return { n, winRate, lengthControlledWinRate: winRate, lengthCoefficient: null };
  }

  const features = lengthDifferences.map((difference) => Math.tanh(difference / scale));
  const fit = newtonRaphson(features, outcomes, weights, Math.log(winRate / (1 - winRate)));
  if (!fit) {
    return { n, winRate, lengthControlledWinRate: null, lengthCoefficient: null };
  }
  return { n, winRate, lengthControlledWinRate: 1 / (1 + Math.exp(-fit.intercept)), lengthCoefficient: fit.coefficient };
}

function newtonRaphson(features: Float64Array, outcomes: Float64Array, weights: Float64Array, startIntercept: number): { intercept: number; coefficient: number } | null {
  let intercept = startIntercept;
  let coefficient = 0;

  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration += 1) {
    let gradientIntercept = 0;
    let gradientCoefficient = 0;
    let hessian00 = 0;
    let hessian01 = 0;
    let hessian11 = 0;
    for (let index = 0; index < features.length; index += 1) {
      const x = features[index];
      const predicted = 1 / (1 + Math.exp(-(intercept + coefficient * x)));
      const residual = weights[index] * (outcomes[index] - predicted);
      const curvature = weights[index] * predicted * (1 - predicted);
      gradientIntercept += residual;
      gradientCoefficient += residual * x;
      hessian00 += curvature;
      hessian01 += curvature * x;
      hessian11 += curvature * x * x;
    }

    const determinant = hessian00 * hessian11 - hessian01 * hessian01;
    if (!(determinant > 0)) {
      return null;
    }
    const stepIntercept = (hessian11 * gradientIntercept - hessian01 * gradientCoefficient) / determinant;
    const stepCoefficient = (hessian00 * gradientCoefficient - hessian01 * gradientIntercept) / determinant;
    intercept += stepIntercept;
    coefficient += stepCoefficient;

    if (Math.abs(intercept) > MAX_COEFFICIENT || Math.abs(coefficient) > MAX_COEFFICIENT) {
      return null;
    }
    if (Math.abs(stepIntercept) < TOLERANCE && Math.abs(stepCoefficient) < TOLERANCE) {
      return { intercept, coefficient };
    }
  }
  return null;
}
