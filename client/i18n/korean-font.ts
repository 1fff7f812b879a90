/** Noto Sans KR, regular and bold: loaded only when Korean is active (the browser fetches only the subsets a page uses). */
import "@fontsource/noto-sans-kr/400.css";
import "@fontsource/noto-sans-kr/700.css";
