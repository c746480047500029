/** The mouths of the five-face scale, from very unhappy to very happy. */
const mouths: Record<string, string> = {
  face_very_unhappy: 'M14 34 Q24 24 34 34',
  face_unhappy: 'M15 33 Q24 28 33 33',
  face_neutral: 'M15 31 L33 31',
  face_happy: 'M15 29 Q24 35 33 29',
  face_very_happy: 'M14 28 Q24 40 34 28',
};

/** Whether the instrument names a face this component can draw. */
export function isFace(picture: string | undefined): picture is string {
  return picture !== undefined && picture in mouths;
}

/**
 * A face of the picture scale. It is decoration beside the option's own
 * words, which name the choice, so screen readers skip it.
 */
export function Face({ picture }: { picture: string }) {
  return (
    <svg
      className="sendqa-face"
      width="48"
      height="48"
      viewBox="0 0 48 48"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="24" cy="24" r="21" fill="#ffdd00" stroke="#0b0c0c" strokeWidth="2" />
      <circle cx="17" cy="19" r="2.5" fill="#0b0c0c" />
      <circle cx="31" cy="19" r="2.5" fill="#0b0c0c" />
      <path
        d={mouths[picture]}
        fill="none"
        stroke="#0b0c0c"
        strokeWidth="2.5"
        strokeLinecap="round"
      />
    </svg>
  );
}
