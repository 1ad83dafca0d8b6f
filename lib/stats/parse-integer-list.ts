/**
 * Parse a comma-separated list of integers, such as "12,-3,7", into an Int32Array.
 * Statistics queries return large count vectors in this form because one text value crosses
 * the database driver far faster than hundreds of thousands of rows or array elements.
 */
export function parseIntegerList(text: string): Int32Array {
  if (text.length === 0) {
    return new Int32Array(0);
  }

  let count = 1;
  for (let index = 0; index < text.length; index += 1) {
    if (text.charCodeAt(index) === 44) {
      count += 1;
    }
  }

  const values = new Int32Array(count);
  let value = 0;
  let sign = 1;
  let position = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 44) {
      values[position] = sign * value;
      position += 1;
      value = 0;
      sign = 1;
    } else if (code === 45 && (index === 0 || text.charCodeAt(index - 1) === 44)) {
      sign = -1;
    } else if (code >= 48 && code <= 57) {
      value = value * 10 + (code - 48);
    } else {
      throw new Error(`Expected only digits, minus signs and commas in an integer list, but found ${JSON.stringify(text[index])} at offset ${index}.`);
    }
  }
  values[position] = sign * value;
  return values;
}
